/**
 * The vocabulary shared by the workflow, the worker, the API and the editor for runs and
 * their steps (SPEC §3).
 */
export const JOURNEY_TASK_QUEUE_DEFAULT = 'journeys';

export type RunStatus = 'running' | 'completed' | 'exited' | 'cancelled' | 'failed';
export type StepOutcome = 'completed' | 'waiting' | 'skipped' | 'failed';

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
