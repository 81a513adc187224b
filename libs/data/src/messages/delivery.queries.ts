/**
 * What providers report about the messages we sent: each provider event stored once
 * (`message_events`, unique per provider event id), the message it is about (locked, so
 * concurrent callbacks take turns), and the message's delivery status with the time each stage
 * was first seen.
 */
import type { Query } from '../database';
import type { MessageChannel } from '../entities/message.entity';
import { isUuid } from '../ids';

/** A message a provider event is about, with what its canonical event needs. */
export interface DeliveredMessageRow {
  id: string;
  run_id: string;
  node_id: string;
  journey_id: string;
  customer_id: string;
  channel: MessageChannel;
  template: string;
  delivery_status: string | null;
}

/**
 * Our message id (a custom arg is only ours if it looks like our id), else the provider's id for
 * the message; on one of `channels`. Locked until the transaction ends.
 */
export async function lockMessageForDelivery(
  query: Query,
  match: { messageId: string | null; providerMessageId: string | null; channels: MessageChannel[] },
): Promise<DeliveredMessageRow | null> {
  const columns = `m.id, m.run_id, m.node_id, r.journey_id, m.customer_id, m.channel, m.template, m.delivery_status`;
  const attempts: Array<[string, string | null]> = [
    ['m.id = $1::uuid', match.messageId && isUuid(match.messageId) ? match.messageId : null],
    ['m.provider_message_id = $1', match.providerMessageId],
  ];
  for (const [where, value] of attempts) {
    if (!value) continue;
    const rows = (await query(
      `SELECT ${columns} FROM messages m JOIN runs r ON r.id = m.run_id
          WHERE ${where} AND m.channel = ANY($2::text[])
          ORDER BY m.created_at DESC LIMIT 1
          FOR UPDATE OF m`,
      [value, match.channels],
    )) as unknown as DeliveredMessageRow[];
    if (rows[0]) return rows[0];
  }
  return null;
}

/** Stores a provider event once; false when its provider event id was stored before. */
export async function insertMessageEvent(
  query: Query,
  event: {
    messageId: string | null;
    provider: string;
    providerEventId: string;
    kind: string;
    occurredAt: Date;
    detail: Record<string, unknown>;
  },
): Promise<boolean> {
  const inserted = await query(
    `INSERT INTO message_events (message_id, provider, provider_event_id, kind, occurred_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider_event_id) DO NOTHING
         RETURNING id`,
    [event.messageId, event.provider, event.providerEventId, event.kind, event.occurredAt, event.detail],
  );
  return inserted.length > 0;
}

/** The columns that remember when a stage was first reported. */
export type DeliveryTimestampColumn = 'delivered_at' | 'opened_at' | 'clicked_at' | 'bounced_at';
const TIMESTAMP_COLUMNS: readonly DeliveryTimestampColumn[] = [
  'delivered_at',
  'opened_at',
  'clicked_at',
  'bounced_at',
];

/**
 * Sets the message's delivery status to `next` (the caller decided it only moves forward), its
 * error when `failed`, and keeps the earliest time the reported stage was seen in `column`.
 */
export async function updateMessageDelivery(
  query: Query,
  update: {
    messageId: string;
    next: string;
    at: Date;
    failed: boolean;
    error: string | null;
    column: DeliveryTimestampColumn | null;
  },
): Promise<void> {
  // The column is interpolated: only ever one of the fixed names, never input.
  const column = update.column && TIMESTAMP_COLUMNS.includes(update.column) ? update.column : null;
  await query(
    `UPDATE messages SET
         delivery_status = $2,
         delivery_updated_at = CASE WHEN delivery_status IS DISTINCT FROM $2 THEN $3 ELSE delivery_updated_at END,
         delivery_error = CASE WHEN $4 THEN $5 ELSE delivery_error END
         ${column ? `, ${column} = LEAST(${column}, $3)` : ''}
       WHERE id = $1`,
    [update.messageId, update.next, update.at, update.failed, update.error],
  );
}
