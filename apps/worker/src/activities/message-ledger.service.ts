/**
 * The message ledger: one row per run, node and visit, written before any provider is called.
 * A retry finds the row: `sent` means done, `sending` means an earlier attempt died inside the
 * provider call (the provider may have sent it), so it becomes `unconfirmed` and is not sent
 * again; `failed` (a transient provider answer) may be attempted again.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageChannel, MessageStatus } from '@waypoint/data';
import type { SendOutcome } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

export interface LedgerKey {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
}

export interface LedgerContent {
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
}

interface LedgerRow {
  id: string;
  status: MessageStatus;
  to_address: string;
}

export type Claim = { kind: 'done'; outcome: SendOutcome } | { kind: 'send'; messageId: string };

@Injectable()
export class MessageLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async claim(key: LedgerKey, content: LedgerContent): Promise<Claim> {
    const inserted: LedgerRow[] = await this.db.query(
      `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, from_address,
                             subject, body_html, body_text, headers, status, provider, segments, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'sending', $13, $14, 1)
       ON CONFLICT (run_id, node_id, visit) DO NOTHING
       RETURNING id, status, to_address`,
      [
        key.runId,
        key.nodeId,
        key.visit,
        key.customerId,
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
      ],
    );
    if (inserted[0]) return { kind: 'send', messageId: inserted[0].id };

    const [row]: LedgerRow[] = await this.db.query(
      `SELECT id, status, to_address FROM messages WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
      [key.runId, key.nodeId, key.visit],
    );
    switch (row.status) {
      case 'sent':
      case 'sandboxed':
        return {
          kind: 'done',
          outcome: {
            messageId: row.id,
            status: row.status,
            reason: `already ${row.status} to ${row.to_address}`,
          },
        };
      case 'sending':
      case 'unconfirmed':
        await this.db.query(`UPDATE messages SET status = 'unconfirmed' WHERE id = $1`, [row.id]);
        return {
          kind: 'done',
          outcome: {
            messageId: row.id,
            status: 'unconfirmed',
            reason:
              'unconfirmed: an earlier attempt stopped inside the provider call; not sent again to avoid a duplicate',
          },
        };
      default:
        await this.db.query(`UPDATE messages SET status = 'sending', attempts = attempts + 1 WHERE id = $1`, [
          row.id,
        ]);
        return { kind: 'send', messageId: row.id };
    }
  }

  async markSent(
    messageId: string,
    sandboxed: boolean,
    providerMessageId: string | null,
    request: unknown,
  ): Promise<void> {
    await this.db.query(
      `UPDATE messages SET status = $2, provider_message_id = $3, provider_request = $4, sent_at = now(), error = NULL WHERE id = $1`,
      [messageId, sandboxed ? 'sandboxed' : 'sent', providerMessageId, JSON.stringify(request)],
    );
  }

  async markFailed(messageId: string, error: string): Promise<void> {
    await this.db.query(`UPDATE messages SET status = 'failed', error = $2 WHERE id = $1`, [
      messageId,
      error,
    ]);
  }
}
