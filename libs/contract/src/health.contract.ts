/** `GET /health`: whether PostgreSQL and Temporal answer (public; 200 when both do, else 503). */
import { z } from 'zod';

/** Why a dependency did not answer: the connection was refused, no answer in time, or another error. */
export const DEPENDENCY_FAILURES = ['refused', 'timeout', 'error'] as const;
export type DependencyFailure = (typeof DEPENDENCY_FAILURES)[number];

export const dependencyCheckSchema = z
  .object({
    ok: z.boolean(),
    failure: z.enum(DEPENDENCY_FAILURES).optional().describe('Set when not ok'),
    error: z.string().optional().describe('Set when not ok: what the check saw'),
  })
  .meta({ id: 'DependencyCheck' });
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: dependencyCheckSchema,
    temporal: dependencyCheckSchema,
  })
  .meta({ title: 'Health' })
  .describe('`database`: PostgreSQL; `temporal`: the Temporal frontend at TEMPORAL_ADDRESS');
export type Health = z.infer<typeof healthSchema>;
