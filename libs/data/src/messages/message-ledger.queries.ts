/**
 * The message ledger as the sending activities write it: one row per run, node and visit, claimed
 * (`sending`) before any provider is called, then marked sent, sandboxed, failed or unconfirmed;
 * and the count of a customer's recent sends that frequency caps compare against.
 */
import type { Query } from '../database';
import { prepared } from '../prepared-statements';
import type { MessageChannel, MessageStatus } from '../entities/message.entity';
import type { TrackedLinkRow } from '../links/tracked-link.queries';
import type { NodeVisitKey } from '../runs/run-ledger.queries';

/** Whose message this is: the visit that sends it and the customer it goes to. */
export interface MessageLedgerKey extends NodeVisitKey {
  customerId: string;
}

/** What is about to be handed to the provider. */
export interface MessageLedgerContent {
  channel: MessageChannel;
  template: string;
  to: string;
  from: string | null;
  subject: string | null;
  bodyHtml: string | null;
  bodyText: string | null;
  headers: Record<string, string>;
  provider: string;
  segments: number | null;
  /** The template variant's locale. */
  locale?: string | null;
}

export interface MessageLedgerRow {
  id: string;
  status: MessageStatus;
  to_address: string;
}

/** The row's columns from run_id to locale, as both inserts below write them. */
const LEDGER_COLUMNS = `run_id, node_id, visit, customer_id, channel, template, to_address, from_address,
  subject, body_html, body_text, headers, status, provider, segments, attempts, locale, test`;

function ledgerValues(
  key: Omit<MessageLedgerKey, 'customerId'> | null,
  customerId: string | null,
  content: MessageLedgerContent,
): unknown[] {
  return [
    key?.runId ?? null,
    key?.nodeId ?? 'test-send',
    key?.visit ?? 0,
    customerId,
    content.channel,
    content.template,
    content.to,
    content.from,
    content.subject,
    content.bodyHtml,
    content.bodyText,
    JSON.stringify(content.headers),
    content.provider,
    content.segments,
    content.locale ?? null,
    key === null,
  ];
}

const LEDGER_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'sending', $13, $14, 1, $15, $16`;

/** A run's message is a test message when its run is a test run (outbox mark, never counted or capped). */
const RUN_LEDGER_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'sending', $13, $14, 1, $15,
  $16::boolean OR EXISTS (SELECT 1 FROM runs WHERE id = $1 AND test)`;

/**
 * Claims the visit's row as `sending`; null when the row already exists (an earlier attempt).
 * The message's tracked links are stored by the same statement (before any provider call, as the
 * claim; a retry stores the same tokens again, which changes nothing).
 */
export async function insertSendingMessage(
  query: Query,
  key: MessageLedgerKey,
  content: MessageLedgerContent,
  links: TrackedLinkRow[] = [],
): Promise<MessageLedgerRow | null> {
  const withLinks =
    links.length === 0
      ? ''
      : `WITH links AS (
           INSERT INTO tracked_links (token, run_id, node_id, customer_id, url)
             SELECT * FROM unnest($17::text[], $18::uuid[], $19::text[], $20::uuid[], $21::text[])
           ON CONFLICT (token) DO NOTHING) `;
  const inserted = await query(
    prepared(
      links.length === 0 ? 'messages.claim' : 'messages.claim_with_links',
      `${withLinks}INSERT INTO messages (${LEDGER_COLUMNS}) VALUES (${RUN_LEDGER_VALUES})
       ON CONFLICT (run_id, node_id, visit) DO NOTHING
       RETURNING id, status, to_address`,
    ),
    [
      ...ledgerValues(key, key.customerId, content),
      ...(links.length === 0
        ? []
        : [
            links.map((l) => l.token),
            links.map((l) => l.run_id),
            links.map((l) => l.node_id),
            links.map((l) => l.customer_id),
            links.map((l) => l.url),
          ]),
    ],
  );
  return (inserted[0] as unknown as MessageLedgerRow | undefined) ?? null;
}

/**
 * A test send's row (no run, no customer: it is not theirs, so no cap or "last messaged" counts it),
 * claimed as `sending` before the provider is called.
 */
export async function insertTestMessage(
  query: Query,
  content: MessageLedgerContent & { customerId: string | null },
): Promise<string> {
  const [row] = await query(
    `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES (${LEDGER_VALUES}) RETURNING id`,
    ledgerValues(null, content.customerId, content),
  );
  return String(row.id);
}

export async function findVisitMessage(query: Query, key: NodeVisitKey): Promise<MessageLedgerRow | null> {
  const rows = await query(
    `SELECT id, status, to_address FROM messages WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
    [key.runId, key.nodeId, key.visit],
  );
  return (rows[0] as unknown as MessageLedgerRow | undefined) ?? null;
}

/** An earlier attempt died inside the provider call: it may have been sent, so it is never sent again. */
export async function markMessageUnconfirmed(query: Query, messageId: string): Promise<void> {
  await query(`UPDATE messages SET status = 'unconfirmed' WHERE id = $1`, [messageId]);
}

/** A failed message is claimed again for another attempt. */
export async function reclaimFailedMessage(query: Query, messageId: string): Promise<void> {
  await query(`UPDATE messages SET status = 'sending', attempts = attempts + 1 WHERE id = $1`, [messageId]);
}

export async function markMessageSent(
  query: Query,
  messageId: string,
  status: Extract<MessageStatus, 'sent' | 'sandboxed'>,
  providerMessageId: string | null,
  request: unknown,
): Promise<void> {
  await query(
    prepared(
      'messages.mark_sent',
      `UPDATE messages SET status = $2, provider_message_id = $3, provider_request = $4, sent_at = now(), error = NULL WHERE id = $1`,
    ),
    [messageId, status, providerMessageId, JSON.stringify(request)],
  );
}

export async function markMessageFailed(query: Query, messageId: string, error: string): Promise<void> {
  await query(`UPDATE messages SET status = 'failed', error = $2 WHERE id = $1`, [messageId, error]);
}

/**
 * Messages sent (or being sent) to the customer on the channel since `since`, across all journeys;
 * test messages (test sends, test runs) never use up a cap.
 */
export async function countRecentSends(
  query: Query,
  customerId: string,
  channel: MessageChannel,
  since: Date,
): Promise<number> {
  const [{ n }] = (await query(
    `SELECT count(*)::int AS n FROM messages
          WHERE customer_id = $1 AND channel = $2 AND created_at > $3 AND NOT test AND status IN ('sending', 'sent', 'sandboxed', 'unconfirmed')`,
    [customerId, channel, since],
  )) as unknown as Array<{ n: number }>;
  return n;
}
