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
  // An UPDATE answers [rows, rowCount] (database.ts), not its rows.
  const [, updated] = (await query(
    `UPDATE events SET properties = jsonb_set(properties, '{comment}', to_jsonb($3::text))
      WHERE idempotency_key = $2 AND type = $1`,
    [eventType, idempotencyKey, comment],
  )) as unknown as [unknown[], number];
  return updated > 0;
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

export interface CustomerSurveyAnswerRow {
  survey: string | null;
  question: string | null;
  answer: string | null;
  comment: string | null;
  answered_at: Date;
  run_id: string | null;
  node_id: string | null;
  journey_id: string | null;
  journey_name: string | null;
}

/**
 * One customer's survey answers, newest first, with the journey and run that asked (for the
 * support page). The run is joined by its id only when the event's `runId` is a UUID, so a
 * malformed property never fails the page and the runs primary key serves the join.
 */
export async function customerSurveyAnswers(
  query: Query,
  eventType: string,
  customerId: string,
  limit: number,
): Promise<CustomerSurveyAnswerRow[]> {
  return (await query(
    `SELECT e.properties->>'survey' AS survey, e.properties->>'question' AS question,
            e.properties->>'answer' AS answer, e.properties->>'comment' AS comment,
            e.occurred_at AS answered_at, r.id AS run_id, e.properties->>'nodeId' AS node_id,
            j.id AS journey_id, j.name AS journey_name
       FROM events e
       LEFT JOIN runs r ON r.id = CASE
         WHEN e.properties->>'runId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         THEN (e.properties->>'runId')::uuid END
       LEFT JOIN journeys j ON j.id = r.journey_id
      WHERE e.customer_id = $2 AND e.type = $1
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT $3`,
    [eventType, customerId, limit],
  )) as unknown as CustomerSurveyAnswerRow[];
}
