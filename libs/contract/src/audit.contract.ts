/**
 * The audit log: who did what to which thing, when, and why. Admins read all of it (filtered,
 * newest first, paged back by entry id); a run's page shows its own entries.
 */
import { z } from 'zod';
import { data, LIMITS, text } from './http';

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const auditEntrySchema = z
  .object({
    id: z.string().describe('Increasing; pass it as `before` to page back'),
    at: z.string().describe('ISO 8601'),
    actor: z.object({
      type: z.enum(AUDIT_ACTOR_TYPES),
      id: z.string().nullable().describe('The user or API key id; null for the system'),
      label: z.string().describe('e.g. `Sam <sam@shop.example>`, `reset-admin CLI`'),
    }),
    action: z.string().describe('e.g. `run.cancel`, `user.update`'),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditLogQuery = z.strictObject({
  targetType: text(40).min(1).optional(),
  targetId: text(200).min(1).optional(),
  actorId: z.string().uuid('must be a user id').optional(),
  action: text(60).min(1).optional(),
  // At most 18 digits: always a bigint, so PostgreSQL never refuses the cast.
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'must be an audit entry id')
    .optional()
    .describe('An entry id: only older entries'),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(100),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

export const auditLogResponse = z
  .object({
    data: z.array(auditEntrySchema),
    next: z.string().nullable().describe('Pass as `before` for the next page; null on the last'),
  })
  .meta({ title: 'AuditLog' });
export type AuditLogPage = z.infer<typeof auditLogResponse>;

/** A thing's own entries, e.g. a run's (`GET /v1/runs/{id}/audit`). */
export const auditEntriesResponse = data(z.array(auditEntrySchema)).meta({ title: 'AuditEntries' });
