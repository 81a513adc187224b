/**
 * Events the engine itself produces (lifecycle.stage_changed, replenishment.due, …), stored like
 * accepted ones: once per idempotency key, with their routing outbox row (`event_outbox`), so the
 * API's router picks them up.
 */
import type { Query } from './conditions/customer-conditions';
import { queueForRouting } from './events/routing.queries';

export interface CanonicalEvent {
  customerId: string;
  type: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  idempotencyKey: string;
  source: string;
}

/** The new event's id, or null when one with that key already exists. */
export async function insertCanonicalEvent(query: Query, event: CanonicalEvent): Promise<string | null> {
  const rows = await query(
    `WITH e AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, received_at
     ), outbox AS (
       ${queueForRouting('e')}
     )
     SELECT id FROM e`,
    [
      event.idempotencyKey,
      event.type,
      event.customerId,
      event.source,
      JSON.stringify(event.properties),
      event.occurredAt,
    ],
  );
  return (rows[0]?.id as string | undefined) ?? null;
}
