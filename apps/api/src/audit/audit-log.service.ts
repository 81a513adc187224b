/**
 * The audit log: who did what to which thing, when, and why. Written by the services that change
 * things on a person's behalf (cancelling a run, continuing a wait, people and API keys, journey
 * lifecycle), read by admins and on a run's page.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: { type: string; id: string };
  reason: string | null;
  detail: Record<string, unknown>;
}

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export type AuditActor = ReturnType<typeof actorOf>;

/** Writes one entry; for callers outside a request (boot, command-line tools) as well as AuditLog. */
export async function writeAuditEntry(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  actor: AuditActor,
  entry: AuditRecord,
): Promise<void> {
  await query(
    `INSERT INTO audit_log (actor_type, actor_id, actor_label, action, target_type, target_id, reason, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.type,
      actor.id,
      actor.label,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.reason ?? null,
      JSON.stringify(entry.detail ?? {}),
    ],
  );
}

/** Work done by the system itself or a command-line tool, named by `label`. */
export const systemActor = (label = 'system'): AuditActor => ({ type: 'system', id: null, label });

@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(by: Principal | undefined, entry: AuditRecord, tx?: EntityManager): Promise<void> {
    const runner = tx ?? this.db;
    await writeAuditEntry((sql, params) => runner.query(sql, params), actorOf(by), entry);
  }

  /** Newest first; `before` (an entry id) pages back. */
  async list(filter: {
    targetType?: string;
    targetId?: string;
    actorId?: string;
    action?: string;
    before?: string;
    limit: number;
  }): Promise<AuditEntry[]> {
    const rows: Array<{
      id: string;
      at: Date;
      actor_type: string;
      actor_id: string | null;
      actor_label: string;
      action: string;
      target_type: string;
      target_id: string;
      reason: string | null;
      detail: Record<string, unknown>;
    }> = await this.db.query(
      `SELECT id, at, actor_type, actor_id, actor_label, action, target_type, target_id, reason, detail
         FROM audit_log
        WHERE ($1::text IS NULL OR target_type = $1) AND ($2::text IS NULL OR target_id = $2)
          AND ($3::uuid IS NULL OR actor_id = $3) AND ($4::text IS NULL OR action = $4)
          AND ($5::bigint IS NULL OR id < $5)
        ORDER BY id DESC LIMIT $6`,
      [
        filter.targetType ?? null,
        filter.targetId ?? null,
        filter.actorId ?? null,
        filter.action ?? null,
        filter.before ?? null,
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
      reason: r.reason,
      detail: r.detail,
    }));
  }
}
