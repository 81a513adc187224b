import { compileTemplate } from '../templates/template-renderer';
import { findSurvey, SURVEYS, surveyLinks, surveyToken, verifySurveyToken } from './surveys';

const SECRET = 'test-secret-test-secret-test-secret';
const vote = {
  runId: '6f1c2f0e-6a43-4a4f-9a0b-1f1b7e0e2a11',
  nodeId: 'ask',
  survey: 'why-left',
  answer: 'delivery',
};

describe('survey tokens', () => {
  it('verify to the vote they were signed for', () => {
    expect(verifySurveyToken(SECRET, surveyToken(SECRET, vote))).toEqual(vote);
  });

  it('refuse a tampered payload, a wrong signature or another secret', () => {
    const token = surveyToken(SECRET, vote);
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify([vote.runId, vote.nodeId, vote.survey, 'other'])).toString(
      'base64url',
    );
    expect(verifySurveyToken(SECRET, `${other}.${signature}`)).toBeNull();
    expect(verifySurveyToken(SECRET, `${payload}.${'A'.repeat(22)}`)).toBeNull();
    expect(verifySurveyToken('another-secret-another-secret-xx', token)).toBeNull();
    expect(verifySurveyToken(SECRET, 'garbage')).toBeNull();
  });

  it('refuse an answer the survey does not have, even when signed', () => {
    expect(verifySurveyToken(SECRET, surveyToken(SECRET, { ...vote, answer: 'nope' }))).toBeNull();
    expect(verifySurveyToken(SECRET, surveyToken(SECRET, { ...vote, survey: 'nope' }))).toBeNull();
  });

  it('preview links carry no run and no node', () => {
    const url = surveyLinks('https://engine.example/', SECRET, null)('nps', '9');
    expect(url.startsWith('https://engine.example/s/')).toBe(true);
    expect(verifySurveyToken(SECRET, url.split('/s/')[1])).toEqual({
      runId: null,
      nodeId: null,
      survey: 'nps',
      answer: '9',
    });
  });
});

describe('the catalogue', () => {
  it('ships satisfaction 1-5, NPS 0-10 and the why-left reasons, labelled in Turkish and English', () => {
    expect(SURVEYS.satisfaction.answers.map((a) => a.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(SURVEYS.nps.answers).toHaveLength(11);
    expect(findSurvey('why-left')?.answers.map((a) => a.id)).toEqual([
      'too-expensive',
      'found-another-store',
      'did-not-need-more',
      'quality',
      'delivery',
      'other',
    ]);
    for (const survey of Object.values(SURVEYS)) {
      expect(survey.question.tr).not.toEqual(survey.question.en);
      for (const answer of survey.answers) expect(answer.label.tr && answer.label.en).toBeTruthy();
    }
    expect(findSurvey('toString')).toBeUndefined();
  });
});

describe('{{survey}}', () => {
  const link = surveyLinks('https://engine.example', SECRET, { runId: vote.runId, nodeId: vote.nodeId });

  it('renders one signed link per answer in the locale, HTML-safe', () => {
    const html = compileTemplate('<div>{{survey "why-left"}}</div>', 'email')(
      {},
      { locale: 'tr-TR', surveyLink: link },
    );
    const hrefs = [...html.matchAll(/href="https:\/\/engine\.example\/s\/([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(6);
    expect(hrefs.map((t) => verifySurveyToken(SECRET, t)?.answer)).toEqual(
      SURVEYS['why-left'].answers.map((a) => a.id),
    );
    expect(html).toContain('Çok pahalı');
    expect(html).not.toContain('&lt;a');
  });

  it('renders English labels for an English customer', () => {
    const html = compileTemplate('{{survey "why-left"}}', 'email')({}, { locale: 'en', surveyLink: link });
    expect(html).toContain('Too expensive');
  });

  it('refuses an unknown survey and SMS', () => {
    expect(() => compileTemplate('{{survey "nope"}}', 'email')({}, { surveyLink: link })).toThrow(
      /not a survey/,
    );
    expect(() => compileTemplate('{{survey "nps"}}', 'sms')({}, { surveyLink: link })).toThrow(/email/);
  });
});
