/**
 * The events aggregate as ingestion writes it: the single-statement insert for a known customer
 * (alone, or for concurrent requests together), the insert inside ingestion's transaction, the
 * multi-row insert of a batch, and the look-ups of repeats by idempotency key. Each insert writes
 * the new events' routing outbox rows in the same statement (`event_outbox`, docs/architecture.md),
 * so an accepted event is routed even if the process dies right after its answer. The SQL text is
 * the measured one (docs/benchmarks.md): change it only with a new benchmark run.
 */
import type { Query } from '../database';
import { prepared } from '../prepared-statements';
import { queueForRouting } from './routing.queries';

/** An event about to be stored (ingestion's IncomingEvent, as columns). */
export interface EventInsert {
  idempotencyKey: string;
  type: string;
  source: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

export interface StoredEventRef {
  id: string;
  customer_id: string;
}

/**
 * One autocommitted statement for an event that names a known customer by external id: the
 * insert resolves the customer and skips a repeated key. Null when the key was seen before or no
 * customer has that external id.
 */
export async function insertEventForExternalId(
  query: Query,
  event: EventInsert,
  externalId: string | null | undefined,
): Promise<StoredEventRef | null> {
  const rows = (await query(
    `WITH e AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT $1, $2, c.id, $4, $5, $6 FROM customers c WHERE c.external_id = $3
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, customer_id, received_at
     ), outbox AS (
       ${queueForRouting('e')}
     )
     SELECT id, customer_id FROM e`,
    [event.idempotencyKey, event.type, externalId, event.source, event.properties, event.occurredAt],
  )) as unknown as StoredEventRef[];
  return rows[0] ?? null;
}

/**
 * `insertEventForExternalId` for many events at once, one autocommitted statement (the event API's
 * concurrent single requests, written together): a row for each event stored, with its key. An
 * event gets none when its key was stored before (or comes again in the list: the first wins) or
 * no customer has its external id.
 */
export async function insertEventsForExternalIds(
  query: Query,
  events: Array<EventInsert & { externalId: string }>,
): Promise<Array<StoredEventRef & { idempotency_key: string }>> {
  return (await query(
    `WITH e AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT u.k, u.t, c.id, u.s, u.p::jsonb, u.o
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
              WITH ORDINALITY AS u(k, t, x, s, p, o, n)
         JOIN customers c ON c.external_id = u.x
        ORDER BY u.n
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, customer_id, idempotency_key, received_at
     ), outbox AS (
       ${queueForRouting('e')}
     )
     SELECT id, customer_id, idempotency_key FROM e`,
    [
      events.map((e) => e.idempotencyKey),
      events.map((e) => e.type),
      events.map((e) => e.externalId),
      events.map((e) => e.source),
      events.map((e) => JSON.stringify(e.properties)),
      events.map((e) => e.occurredAt),
    ],
  )) as unknown as Array<StoredEventRef & { idempotency_key: string }>;
}

/** Inserts the event for a resolved customer; null when its idempotency key is already stored. */
export async function insertEvent(
  query: Query,
  event: EventInsert,
  customerId: string,
): Promise<string | null> {
  const inserted = (await query(
    prepared(
      'events.insert',
      `WITH e AS (
         INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, received_at
       ), outbox AS (
         ${queueForRouting('e')}
       )
       SELECT id FROM e`,
    ),
    [event.idempotencyKey, event.type, customerId, event.source, event.properties, event.occurredAt],
  )) as unknown as Array<{ id: string }>;
  return inserted[0]?.id ?? null;
}

/**
 * What a repeat is compared with (an idempotency key reused with other content is a conflict,
 * docs/api.md "Idempotency"): the stored event's type, properties, time and customer's external id.
 */
export interface StoredEventContent {
  type: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  externalId: string | null;
}

/** The stored event with this idempotency key (a repeat's original) and its content. */
export async function eventByIdempotencyKey(
  query: Query,
  key: string,
): Promise<(StoredEventRef & { content: StoredEventContent }) | null> {
  const [row] = await eventIdsByKeys(query, [key]);
  return row ? { id: row.id, customer_id: row.customer_id, content: row.content } : null;
}

/**
 * A batch's events in one multi-row statement (customer ids resolved by the caller); returns the
 * rows that were new. Repeated keys (earlier or within the batch) are skipped.
 */
export async function insertEvents(
  query: Query,
  events: Array<EventInsert & { customerId: string | undefined }>,
): Promise<Array<{ id: string; idempotency_key: string }>> {
  return (await query(
    `WITH e AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT u.k, u.t, u.c, u.s, u.p::jsonb, u.o
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS u(k, t, c, s, p, o)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key, received_at
     ), outbox AS (
       ${queueForRouting('e')}
     )
     SELECT id, idempotency_key FROM e`,
    [
      events.map((e) => e.idempotencyKey),
      events.map((e) => e.type),
      events.map((e) => e.customerId),
      events.map((e) => e.source),
      events.map((e) => JSON.stringify(e.properties)),
      events.map((e) => e.occurredAt),
    ],
  )) as unknown as Array<{ id: string; idempotency_key: string }>;
}

/** The already stored events by idempotency key (repeats), with their content to compare. */
export async function eventIdsByKeys(
  query: Query,
  keys: string[],
): Promise<Array<{ id: string; idempotency_key: string; customer_id: string; content: StoredEventContent }>> {
  if (keys.length === 0) return [];
  const rows = (await query(
    `SELECT e.id, e.idempotency_key, e.customer_id, e.type, e.properties, e.occurred_at, c.external_id
       FROM events e LEFT JOIN customers c ON c.id = e.customer_id
      WHERE e.idempotency_key = ANY($1::text[])`,
    [keys],
  )) as unknown as Array<{
    id: string;
    idempotency_key: string;
    customer_id: string;
    type: string;
    properties: Record<string, unknown>;
    occurred_at: Date;
    external_id: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    idempotency_key: r.idempotency_key,
    customer_id: r.customer_id,
    content: { type: r.type, properties: r.properties, occurredAt: r.occurred_at, externalId: r.external_id },
  }));
}

/** How many events of this type name this order for the customer (the first decides points). */
export async function countOrderEvents(
  query: Query,
  customerId: string,
  type: string,
  orderId: string,
): Promise<number> {
  const [row] = await query(
    `SELECT count(*)::int AS n FROM events WHERE customer_id = $1 AND type = $2 AND properties ->> 'orderId' = $3`,
    [customerId, type, orderId],
  );
  return Number(row?.n ?? 1);
}
