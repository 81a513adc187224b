/**
 * The sandbox outbox: messages the sandbox provider stored (rendered, with the request a real
 * provider would have received) instead of sending them.
 */
import type { Channel } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';
import type { MessageStatus } from '../entities/message.entity';

export interface OutboxMessageRow {
  id: string;
  channel: Channel;
  toAddress: string;
  fromAddress: string | null;
  subject: string | null;
  template: string;
  status: MessageStatus;
  provider: string;
  createdAt: Date;
  runId: string | null;
  nodeId: string;
  customerId: string | null;
  test: boolean;
  locale: string | null;
}

export interface OutboxMessageDetailRow extends OutboxMessageRow {
  bodyHtml: string | null;
  bodyText: string | null;
  headers: Record<string, string>;
  providerRequest: unknown;
}

const SUMMARY_COLUMNS = `id, channel, to_address AS "toAddress", from_address AS "fromAddress", subject, template,
  status, provider, created_at AS "createdAt", run_id AS "runId", node_id AS "nodeId", customer_id AS "customerId",
  test, locale`;

/** Newest first. */
export async function listSandboxMessages(query: Query, limit: number): Promise<OutboxMessageRow[]> {
  return (await query(
    `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE provider = 'sandbox' ORDER BY created_at DESC LIMIT $1`,
    [limit],
  )) as unknown as OutboxMessageRow[];
}

/** Null unless it is a sandbox message. */
export async function findSandboxMessage(query: Query, id: string): Promise<OutboxMessageDetailRow | null> {
  if (!isUuid(id)) return null;
  const rows = await query(
    `SELECT ${SUMMARY_COLUMNS}, body_html AS "bodyHtml", body_text AS "bodyText", headers,
            provider_request AS "providerRequest"
       FROM messages WHERE id = $1 AND provider = 'sandbox'`,
    [id],
  );
  return (rows[0] as unknown as OutboxMessageDetailRow | undefined) ?? null;
}
