/**
 * One-click survey answers (docs/product.md, "Surveys"). Following an answer link records a
 * `survey.answered` event {survey, question, answer, comment, runId, nodeId} for the run's customer,
 * durable and routed like any event, so journeys wait, branch and exit on it. The idempotency key
 * comes from the token: a replayed link records nothing twice. A scanner's prefetch (HEAD, known
 * link scanners) and a preview link record nothing; a token this engine did not sign is 404.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  findSurvey,
  isPrefetch,
  surveyLanguage,
  verifySurveyToken,
  type SurveyDefinition,
  type SurveyLanguage,
  type SurveyVote,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { CustomerSurveyAnswers, SurveyResults, SurveyResultsQuery } from '@waypoint/contract';
import {
  customerSurveyAnswers,
  Database,
  isUuid,
  setSurveyComment,
  surveyAnswerCounts,
  surveyRespondent,
  type SurveyRespondentRow,
} from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { ApiError } from '../errors/api-error';
import { resolveCustomerId } from '../customers/customer-ref';
import { EventIngestionService } from '../events/event-ingestion.service';

/** What the hosted page shows: the question and the answer, in the customer's language. */
export interface AnsweredSurvey {
  question: string;
  answer: string;
  language: SurveyLanguage;
}

interface Respondent {
  vote: SurveyVote;
  survey: SurveyDefinition;
  customer: SurveyRespondentRow | null;
}

@Injectable()
export class SurveysService {
  constructor(
    private readonly db: Database,
    private readonly ingestion: EventIngestionService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** `GET /s/{token}`: records a person's answer (not a prefetch, not a preview). */
  async answer(token: string, method: string, userAgent: string | undefined): Promise<AnsweredSurvey> {
    const respondent = await this.respondent(token);
    if (respondent.customer && !isPrefetch(method, userAgent)) await this.record(token, respondent, null);
    return shown(respondent);
  }

  /** `POST /s/{token}`: the comment of the thank-you page; records the answer too if it was not yet. */
  async comment(token: string, comment: string): Promise<AnsweredSurvey> {
    const respondent = await this.respondent(token);
    if (respondent.customer) {
      const duplicate = await this.record(token, respondent, comment);
      if (duplicate) await setSurveyComment(this.db.query, EVENT.surveyAnswered, answerKey(token), comment);
    }
    return shown(respondent);
  }

  async results(name: string, range: SurveyResultsQuery): Promise<SurveyResults> {
    const survey = findSurvey(name);
    if (!survey) throw ApiError.notFound('Survey', name);
    const from = range.from ? new Date(range.from) : null;
    const to = range.to ? new Date(range.to) : null;
    if (from && to && from > to)
      throw ApiError.unprocessable('invalid_range', 'The range is not valid: `from` is after `to`');
    const rows = await surveyAnswerCounts(this.db.query, EVENT.surveyAnswered, survey.name, { from, to });
    const counts = new Map(rows.map((r) => [r.answer, r]));
    return {
      survey: survey.name,
      question: survey.question.en,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      total: rows.reduce((sum, r) => sum + r.count, 0),
      comments: rows.reduce((sum, r) => sum + r.comments, 0),
      answers: survey.answers.map((a) => ({
        answer: a.id,
        label: a.label.en,
        count: counts.get(a.id)?.count ?? 0,
      })),
    };
  }

  /** A customer's answers, newest first, with the journey and run that asked (404: no such customer). */
  async answersOf(ref: string): Promise<CustomerSurveyAnswers> {
    const customerId = await resolveCustomerId(this.db.query, ref);
    const rows = await customerSurveyAnswers(this.db.query, EVENT.surveyAnswered, customerId, ANSWERS_SHOWN);
    return rows.map((row) => {
      const survey = findSurvey(row.survey ?? '');
      const answer = row.answer ?? '';
      return {
        survey: row.survey ?? '',
        question: row.question ?? survey?.question.en ?? '',
        answer,
        label: survey?.answers.find((a) => a.id === answer)?.label.en ?? answer,
        comment: row.comment || null,
        answeredAt: row.answered_at.toISOString(),
        runId: row.run_id,
        nodeId: row.node_id,
        journeyId: row.journey_id,
        journeyName: row.journey_name,
      };
    });
  }

  /** The vote of a signed token and whom it speaks for (null customer: a preview link). */
  private async respondent(token: string): Promise<Respondent> {
    const vote = verifySurveyToken(this.env.APP_SECRET, token);
    const survey = vote ? findSurvey(vote.survey) : undefined;
    if (!vote || !survey) throw ApiError.notFound('Survey answer', token);
    if (vote.runId === null) return { vote, survey, customer: null };
    const customer = isUuid(vote.runId) ? await surveyRespondent(this.db.query, vote.runId) : null;
    if (!customer) throw ApiError.notFound('Survey answer', token);
    return { vote, survey, customer };
  }

  /** Ingests the answer once per token; answers whether it was recorded before. */
  private async record(token: string, { vote, survey, customer }: Respondent, comment: string | null) {
    if (!customer) return false;
    const accepted = await this.ingestion.ingest({
      idempotencyKey: answerKey(token),
      type: EVENT.surveyAnswered,
      source: 'waypoint',
      occurredAt: new Date(),
      customer: { externalId: customer.external_id, email: customer.email, phone: customer.phone },
      properties: {
        survey: survey.name,
        question: survey.question.en,
        answer: vote.answer,
        comment,
        runId: vote.runId,
        nodeId: vote.nodeId,
      },
    });
    return accepted.duplicate;
  }
}

/** The support page shows the latest answers; a customer rarely has more. */
const ANSWERS_SHOWN = 100;

/** One answer link, one event: the key is the token's signature. */
function answerKey(token: string): string {
  return `survey-answer:${token.slice(token.lastIndexOf('.') + 1)}`;
}

function shown({ vote, survey, customer }: Respondent): AnsweredSurvey {
  const language = surveyLanguage(customer?.locale);
  const answer = survey.answers.find((a) => a.id === vote.answer);
  return { question: survey.question[language], answer: answer?.label[language] ?? vote.answer, language };
}
