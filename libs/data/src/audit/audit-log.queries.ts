/**
 * The audit log: who did what to which thing, when, and why. Written by the API (on a person's or
 * API key's behalf, or the system's at boot) and by the command-line tools; read by admins.
 */
import type { Query } from '../database';

import type { AuditActorType } from '../entities/audit-log.entity';

export type { AuditActorType };

/** Who did it, as the log names them. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string;
}

/** What was done, to what, and why. */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditLogRow {
  /** A bigint, as PostgreSQL's driver gives it (a string). */
  id: string;
  at: Date;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  detail: Record<string, unknown>;
}

export interface AuditLogFilter {
  targetType?: string;
  targetId?: string;
  /** A user id (UUID). */
  actorId?: string;
  action?: string;
  /** An entry id (digits): only older entries. */
  before?: string;
  limit: number;
}

/** Work done by the system itself or a command-line tool, named by `label`. */
export const systemActor = (label = 'system'): AuditActor => ({ type: 'system', id: null, label });

/** Writes one entry; pass a transaction's query to make it part of the change it records. */
export async function writeAuditEntry(query: Query, actor: AuditActor, entry: AuditRecord): Promise<void> {
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

/** Newest first; `before` pages back. */
export async function listAuditEntries(query: Query, filter: AuditLogFilter): Promise<AuditLogRow[]> {
  return (await query(
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
  )) as unknown as AuditLogRow[];
}
