/**
 * One-click surveys (docs/product.md, "Surveys"): a small catalogue of one-question surveys, the
 * signed token behind each answer link (`<PUBLIC_URL>/s/<token>`) and the email markup of the
 * `{{survey "name"}}` template helper.
 *
 * A token carries what it records (run, node, survey, answer) and an HMAC of it with APP_SECRET,
 * so the hosted page needs no stored row and a tampered token is refused. Outside a run (preview,
 * test send) the run and node are null: a preview token, which the page shows but never records.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SurveyLanguage = 'en' | 'tr';
type Labels = Record<SurveyLanguage, string>;

export interface SurveyAnswer {
  id: string;
  label: Labels;
}

export interface SurveyDefinition {
  name: string;
  question: Labels;
  answers: readonly SurveyAnswer[];
}

function scale(from: number, to: number): SurveyAnswer[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const id = String(from + i);
    return { id, label: { en: id, tr: id } };
  });
}

export const SURVEYS: Readonly<Record<string, SurveyDefinition>> = {
  satisfaction: {
    name: 'satisfaction',
    question: {
      en: 'How satisfied are you with your order?',
      tr: 'Siparişinizden ne kadar memnun kaldınız?',
    },
    answers: scale(1, 5),
  },
  nps: {
    name: 'nps',
    question: {
      en: 'How likely are you to recommend us to a friend?',
      tr: 'Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?',
    },
    answers: scale(0, 10),
  },
  'why-left': {
    name: 'why-left',
    question: { en: 'Why did you stop shopping with us?', tr: 'Neden bizden alışveriş yapmayı bıraktınız?' },
    answers: [
      { id: 'too-expensive', label: { en: 'Too expensive', tr: 'Çok pahalı' } },
      { id: 'found-another-store', label: { en: 'I found another store', tr: 'Başka bir mağaza buldum' } },
      {
        id: 'did-not-need-more',
        label: { en: 'I did not need more', tr: 'Daha fazlasına ihtiyacım olmadı' },
      },
      { id: 'quality', label: { en: 'Quality was not right', tr: 'Kalite beklediğim gibi değildi' } },
      { id: 'delivery', label: { en: 'Delivery problems', tr: 'Teslimat sorunları' } },
      { id: 'other', label: { en: 'Something else', tr: 'Başka bir neden' } },
    ],
  },
};

export const SURVEY_NAMES = Object.keys(SURVEYS);

export function findSurvey(name: string): SurveyDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(SURVEYS, name) ? SURVEYS[name] : undefined;
}

/** Turkish for a Turkish locale, else English. */
export function surveyLanguage(locale: string | null | undefined): SurveyLanguage {
  return /^tr\b/i.test(locale ?? '') ? 'tr' : 'en';
}

/** What one answer link records; run and node are null for a preview. */
export interface SurveyVote {
  runId: string | null;
  nodeId: string | null;
  survey: string;
  answer: string;
}

const SIGNATURE_LENGTH = 22;
export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,600}\.[A-Za-z0-9_-]{22}$/;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret)
    .update(`survey:${payload}`)
    .digest('base64url')
    .slice(0, SIGNATURE_LENGTH);
}

export function surveyToken(secret: string, vote: SurveyVote): string {
  const payload = Buffer.from(JSON.stringify([vote.runId, vote.nodeId, vote.survey, vote.answer])).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload)}`;
}

/** The vote a token was signed for, or null when it is malformed, forged or names no known answer. */
export function verifySurveyToken(secret: string, token: string): SurveyVote | null {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return null;
  const [payload, given] = token.split('.');
  const expected = Buffer.from(mac(secret, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length !== 4) return null;
  const [runId, nodeId, survey, answer] = fields as unknown[];
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  if (!nullableString(runId) || !nullableString(nodeId)) return null;
  if (typeof survey !== 'string' || typeof answer !== 'string') return null;
  if (!findSurvey(survey)?.answers.some((a) => a.id === answer)) return null;
  return { runId: runId as string | null, nodeId: nodeId as string | null, survey, answer };
}

/** The URL of one answer, given to the template renderer (Handlebars' data) by whoever renders. */
export type SurveyLink = (survey: string, answer: string) => string;

/** Answer links for one send of a run, or preview links when `origin` is null. */
export function surveyLinks(
  publicUrl: string,
  secret: string,
  origin: { runId: string; nodeId: string } | null,
): SurveyLink {
  const base = publicUrl.replace(/\/$/, '');
  return (survey, answer) =>
    `${base}/s/${surveyToken(secret, { runId: origin?.runId ?? null, nodeId: origin?.nodeId ?? null, survey, answer })}`;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const BUTTON =
  'display:inline-block;margin:4px;padding:8px 14px;border:1px solid #d0d7de;border-radius:6px;' +
  'color:#1f2328;text-decoration:none;font-size:15px';

/** The email markup of a survey's answers: one link per answer (a row of buttons for a scale). */
export function surveyAnswersHtml(survey: SurveyDefinition, locale: string, link: SurveyLink): string {
  const language = surveyLanguage(locale);
  const isScale = survey.answers.every((a) => /^\d+$/.test(a.id));
  const links = survey.answers.map(
    (a) =>
      `<a href="${escapeHtml(link(survey.name, a.id))}" style="${BUTTON}">${escapeHtml(a.label[language])}</a>`,
  );
  return `<p class="survey" style="margin:16px 0">${links.join(isScale ? '' : '<br />')}</p>`;
}
