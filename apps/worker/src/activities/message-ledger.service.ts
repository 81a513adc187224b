/**
 * The message ledger: one row per run, node and visit, written before any provider is called.
 * A retry finds the row: `sent` means done, `sending` means an earlier attempt died inside the
 * provider call (the provider may have sent it), so it becomes `unconfirmed` and is not sent
 * again; `failed` (a transient provider answer) may be attempted again.
 */
import { Injectable } from '@nestjs/common';
import {
  Database,
  findVisitMessage,
  insertSendingMessage,
  markMessageFailed,
  markMessageSent,
  markMessageUnconfirmed,
  reclaimFailedMessage,
  type MessageLedgerContent,
  type MessageLedgerKey,
  type TrackedLinkRow,
} from '@waypoint/data';
import type { SendOutcome } from '@waypoint/workflows';

export type Claim = { kind: 'done'; outcome: SendOutcome } | { kind: 'send'; messageId: string };

@Injectable()
export class MessageLedger {
  constructor(private readonly db: Database) {}

  /** `links`: the message's tracked links, stored with the claim (LinkTracker). */
  async claim(
    key: MessageLedgerKey,
    content: MessageLedgerContent,
    links: TrackedLinkRow[] = [],
  ): Promise<Claim> {
    const inserted = await insertSendingMessage(this.db.query, key, content, links);
    if (inserted) return { kind: 'send', messageId: inserted.id };

    const row = await findVisitMessage(this.db.query, key);
    // The insert conflicted, so the row is there (messages are never deleted).
    if (!row) throw new Error(`message ledger: no row for ${key.runId}/${key.nodeId}/${key.visit}`);
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
        await markMessageUnconfirmed(this.db.query, row.id);
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
        await reclaimFailedMessage(this.db.query, row.id);
        return { kind: 'send', messageId: row.id };
    }
  }

  async markSent(
    messageId: string,
    sandboxed: boolean,
    providerMessageId: string | null,
    request: unknown,
  ): Promise<void> {
    await markMessageSent(
      this.db.query,
      messageId,
      sandboxed ? 'sandboxed' : 'sent',
      providerMessageId,
      request,
    );
  }

  async markFailed(messageId: string, error: string): Promise<void> {
    await markMessageFailed(this.db.query, messageId, error);
  }
}
