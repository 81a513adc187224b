/**
 * Survey answers (docs/product.md, "Surveys"): each answer is a `survey.answered` event; these
 * read the run's customer, add a comment to a stored answer and count the answers of a survey.
 */
import type { Query } from '../database';

export interface SurveyRespondentRow {
  customer_id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

/** The customer a run was for (who an answer link of that run speaks for), or null. */
export async function surveyRespondent(query: Query, runId: string): Promise<SurveyRespondentRow | null> {
  const [row] = (await query(
    `SELECT c.id AS customer_id, c.external_id, c.email, c.phone, c.locale
       FROM runs r JOIN customers c ON c.id = r.customer_id
      WHERE r.id = $1`,
    [runId],
  )) as unknown as SurveyRespondentRow[];
  return row ?? null;
}

/** Sets the comment of the answer stored under this idempotency key; false when there is none. */
export async function setSurveyComment(
  query: Query,
  eventType: string,
  idempotencyKey: string,
  comment: string,
): Promise<boolean> {
  const rows = (await query(
    `UPDATE events SET properties = jsonb_set(properties, '{comment}', to_jsonb($3::text))
      WHERE idempotency_key = $2 AND type = $1
      RETURNING id`,
    [eventType, idempotencyKey, comment],
  )) as unknown as unknown[];
  return rows.length > 0;
}

export interface SurveyAnswerCountRow {
  answer: string;
  count: number;
  comments: number;
}

/** Answers of one survey per answer, with how many came with a comment, in [from, to). */
export async function surveyAnswerCounts(
  query: Query,
  eventType: string,
  survey: string,
  range: { from: Date | null; to: Date | null },
): Promise<SurveyAnswerCountRow[]> {
  return (await query(
    `SELECT properties->>'answer' AS answer,
            count(*)::int AS count,
            (count(*) FILTER (WHERE coalesce(properties->>'comment', '') <> ''))::int AS comments
       FROM events
      WHERE type = $1 AND properties->>'survey' = $2
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR occurred_at < $4)
      GROUP BY 1`,
    [eventType, survey, range.from, range.to],
  )) as unknown as SurveyAnswerCountRow[];
}
