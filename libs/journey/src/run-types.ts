/**
 * The vocabulary shared by the workflow, the worker, the API and the editor for runs and
 * their steps (docs/product.md, "Runs").
 */
export const JOURNEY_TASK_QUEUE_DEFAULT = 'journeys';

import type { StepOutcome } from './vocabulary';

export type { RunStatus, StepOutcome } from './vocabulary';

/** The workflow id of a run: one Temporal execution per run row. */
export function runWorkflowId(runId: string): string {
  return `run-${runId}`;
}

/** An event as it reaches a running run (exit rules, wait.event, context refresh). */
export interface RunEvent {
  id: string;
  type: string;
  properties: Record<string, unknown>;
  occurredAt: string;
}

/** One node visit as the workflow records it (timestamps as ISO strings): a row of `run_steps`. */
export interface StepRecord {
  runId: string;
  nodeId: string;
  nodeType: string;
  visit: number;
  outcome: StepOutcome;
  enteredAt: string;
  finishedAt: string | null;
  branch?: string | null;
  reason?: string | null;
  wakeAt?: string | null;
  messageId?: string | null;
  detail?: Record<string, unknown>;
}
