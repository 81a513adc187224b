/**
 * Runs, as support sees them (docs/product.md, "Support"): a customer's runs with their timelines,
 * one run's timeline and audit trail, cancelling a run and ending its delay early (each with a
 * reason), and the customer's checkouts.
 */
import { CHANNELS, RUN_STATUSES, STEP_OUTCOMES } from '@waypoint/journey';
import { z } from 'zod';
import { data, hasForbiddenCharacters, isoDateTime, text } from './http';
import { DELIVERY_STATUSES, MESSAGE_STATUSES } from './outbox.contract';

/** Anything that is not a run's id (UUID or not) is answered 404. */
export const runIdParams = z.object({ id: text(200).min(1).describe('Run id (a UUID)') });

/** A customer named by our id or the store's; neither matching is answered 404. */
export const customerRunsParams = z.object({
  id: text(200).min(1).describe("Customer id (a UUID) or the store's external id"),
});

/** Why a person acts on a run: required, trimmed, at most 500 characters. */
function reason(missing: string) {
  return z
    .string()
    .trim()
    .min(1, missing)
    .max(500)
    .refine(
      (value) => !hasForbiddenCharacters(value),
      'must not contain NUL or unpaired surrogate characters',
    );
}

export const cancelRunBody = z
  .object({ reason: reason('say why the run is cancelled') })
  .meta({ title: 'CancelRun' });
export type CancelRun = z.infer<typeof cancelRunBody>;

export const continueRunBody = z
  .object({ reason: reason('say why the wait is cut short') })
  .meta({ title: 'ContinueRun' });
export type ContinueRun = z.infer<typeof continueRunBody>;

/** The message a step sent, with what the provider reported since. */
export const runMessageSchema = z
  .object({
    id: z.string().uuid(),
    channel: z.enum(CHANNELS),
    to: z.string(),
    subject: z.string().nullable(),
    status: z.enum(MESSAGE_STATUSES),
    provider: z.string(),
    sentAt: isoDateTime.nullable(),
    deliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
    deliveredAt: isoDateTime.nullable(),
    openedAt: isoDateTime.nullable(),
    clickedAt: isoDateTime.nullable(),
    bouncedAt: isoDateTime.nullable(),
    deliveryError: z.string().nullable(),
    locale: z.string().nullable().describe('The template variant it was rendered in'),
  })
  .meta({ id: 'RunMessage' });
export type RunMessage = z.infer<typeof runMessageSchema>;

/** One visit of one node: its outcome and why. */
export const runStepSchema = z
  .object({
    nodeId: z.string(),
    nodeType: z.string(),
    visit: z.number().int().describe('Which visit of the node (loops come back)'),
    outcome: z.enum(STEP_OUTCOMES),
    enteredAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
    branch: z.string().nullable().describe('The output the run left by'),
    reason: z.string().nullable(),
    wakeAt: isoDateTime.nullable().describe('When a wait ends'),
    message: runMessageSchema.nullable(),
  })
  .meta({ id: 'RunStep' });
export type RunStep = z.infer<typeof runStepSchema>;

/** Where a running run waits, and until when. */
export const runWaitSchema = z
  .object({
    nodeId: z.string(),
    nodeType: z.string(),
    visit: z.number().int(),
    until: isoDateTime.nullable(),
    canContinueNow: z.boolean().describe('Waiting in wait.delay or wait.until: POST …/continue works'),
  })
  .meta({ id: 'RunWait' });
export type RunWait = z.infer<typeof runWaitSchema>;

/** A run and its timeline. */
export const runSchema = z
  .object({
    id: z.string().uuid(),
    journey: z.object({ id: z.string().uuid(), name: z.string() }),
    version: z
      .number()
      .int()
      .describe("The journey version the run is pinned to (negative: a test run's draft snapshot)"),
    customerId: z.string().uuid(),
    status: z
      .enum(RUN_STATUSES)
      .describe(
        'completed, exited (left by an exit condition), cancelled, or failed: a run that reached its end with a failed step (statusReason names it) or a workflow failure',
      ),
    statusReason: z.string().nullable(),
    currentNodeId: z.string().nullable(),
    waitingFor: runWaitSchema.nullable(),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
    workflowId: z.string(),
    temporalUrl: z.string().describe("The workflow in Temporal's web UI"),
    test: z
      .boolean()
      .describe(
        'A test run (POST /v1/journeys/{id}/test-runs): its waits shortened, never counted in results',
      ),
    steps: z.array(runStepSchema),
  })
  .meta({ id: 'Run' });
export type Run = z.infer<typeof runSchema>;

export const cancelRunResultSchema = z.object({
  id: z.string().uuid(),
  status: z.literal('cancelling').describe('The run was told to stop; it ends at once, even mid-wait'),
  reason: z.string(),
});
export type CancelRunResult = z.infer<typeof cancelRunResultSchema>;

export const continueRunResultSchema = z.object({
  id: z.string().uuid(),
  status: z.literal('continuing').describe('The run was told to go on to the next node'),
  nodeId: z.string().describe('The delay that was cut short'),
  reason: z.string(),
});
export type ContinueRunResult = z.infer<typeof continueRunResultSchema>;

/** What a person did to a run (the audit log's entries for it). */
export const runAuditEntrySchema = z
  .object({
    id: z.string(),
    at: isoDateTime,
    actor: z.object({
      type: z.enum(['user', 'api_key', 'system']),
      id: z.string().nullable(),
      label: z.string(),
    }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RunAuditEntry' });
export type RunAuditEntry = z.infer<typeof runAuditEntrySchema>;

export const customerRunsResponse = data(z.array(runSchema)).meta({ title: 'CustomerRuns' });
export const runResponse = data(runSchema).meta({ title: 'RunAnswer' });
export const cancelRunResponse = data(cancelRunResultSchema).meta({ title: 'CancelRunAnswer' });
export const continueRunResponse = data(continueRunResultSchema).meta({ title: 'ContinueRunAnswer' });
export const runAuditResponse = data(z.array(runAuditEntrySchema)).meta({ title: 'RunAudit' });
