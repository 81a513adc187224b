/**
 * The audit log: who did what to which thing, when, and why. Written by the services that change
 * things on a person's behalf (cancelling a run, continuing a wait, people and API keys, journey
 * lifecycle), read by admins and on a run's page. The SQL is libs/data's (audit/).
 */
import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@waypoint/contract';
import {
  Database,
  listAuditEntries,
  writeAuditEntry,
  type AuditLogFilter,
  type AuditLogRow,
  type AuditRecord,
  type Query,
} from '@waypoint/data';
import { actorOf, type Principal } from '../auth/principal';

export type { AuditRecord };

@Injectable()
export class AuditLog {
  constructor(private readonly db: Database) {}

  /** One entry by `by`; pass a transaction's `query` to make it part of that change. */
  async record(by: Principal | undefined, entry: AuditRecord, query: Query = this.db.query): Promise<void> {
    await writeAuditEntry(query, actorOf(by), entry);
  }

  /** Newest first; `before` (an entry id) pages back. */
  async list(filter: AuditLogFilter): Promise<AuditEntry[]> {
    return (await listAuditEntries(this.db.query, filter)).map(present);
  }

  /** A page of the log and the `before` of the next page (null when this one is not full). */
  async page(filter: AuditLogFilter): Promise<{ data: AuditEntry[]; next: string | null }> {
    const entries = await this.list(filter);
    return { data: entries, next: entries.length === filter.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}

function present(row: AuditLogRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    reason: row.reason,
    detail: row.detail,
  };
}
