/**
 * The vocabulary shared by the workflow, the worker, the API and the editor for runs and
 * their steps (docs/product.md, "Runs").
 */
export const JOURNEY_TASK_QUEUE_DEFAULT = 'journeys';

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
