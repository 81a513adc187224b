/**
 * Webhook dead letters: correctly signed deliveries that can never be processed, kept with the
 * reason (docs/architecture.md, "How a webhook becomes an email"). One row per provider and
 * delivery id: a provider's retry of the same delivery counts up `attempts`.
 */
import type { Query } from '../database';

export interface DeadLetterInput {
  provider: string;
  topic: string | null;
  deliveryId: string;
  reason: string;
  /** The raw body as text; NUL characters and lone surrogates are escaped on the way in. */
  body: string;
}

export interface DeadLetterRow {
  id: string;
  provider: string;
  topic: string | null;
  deliveryId: string;
  reason: string;
  body: string;
  attempts: number;
  receivedAt: Date;
  lastReceivedAt: Date;
}

const COLUMNS = `id, provider, topic, delivery_id AS "deliveryId", reason, body, attempts,
  received_at AS "receivedAt", last_received_at AS "lastReceivedAt"`;

/**
 * Text PostgreSQL can store: a NUL becomes the six characters `\u0000`, and a lone surrogate its
 * `\uXXXX` escape likewise; everything else is kept as it came.
 */
export function escapeUnstorable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Keeps the delivery (or counts a retry of it); returns the row. */
export async function keepDeadLetter(query: Query, letter: DeadLetterInput): Promise<DeadLetterRow> {
  const [row] = await query(
    `INSERT INTO webhook_dead_letters (provider, topic, delivery_id, reason, body)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (provider, delivery_id) DO UPDATE SET
       attempts = webhook_dead_letters.attempts + 1, last_received_at = now()
     RETURNING ${COLUMNS}`,
    [
      letter.provider,
      letter.topic === null ? null : escapeUnstorable(letter.topic),
      escapeUnstorable(letter.deliveryId),
      escapeUnstorable(letter.reason),
      escapeUnstorable(letter.body),
    ],
  );
  return row as unknown as DeadLetterRow;
}

/** Newest first. */
export async function listDeadLetters(query: Query, limit: number, offset: number): Promise<DeadLetterRow[]> {
  return (await query(
    `SELECT ${COLUMNS} FROM webhook_dead_letters ORDER BY received_at DESC, id LIMIT $1 OFFSET $2`,
    [limit, offset],
  )) as unknown as DeadLetterRow[];
}
