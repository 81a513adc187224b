// What the test run control shows: the wait shortenings offered, and a test run's state in words.
import type { RunDetail, TestRun } from '../api-types';

export type TestWaitsChoice = TestRun['waits'];

/** The shortenings offered, the default first. */
export const WAIT_CHOICES: ReadonlyArray<{ id: string; label: string; waits: TestWaitsChoice }> = [
  { id: 'fixed-10', label: 'Every wait 10 seconds', waits: { mode: 'fixed', seconds: 10 } },
  { id: 'fixed-2', label: 'Every wait 2 seconds', waits: { mode: 'fixed', seconds: 2 } },
  { id: 'factor-60', label: '60 times faster (1 h → 1 min)', waits: { mode: 'factor', factor: 60 } },
  { id: 'factor-3600', label: '3,600 times faster (1 h → 1 s)', waits: { mode: 'factor', factor: 3600 } },
];

/** How often the editor reads a followed test run's timeline. */
export const FOLLOW_REFRESH_MS = 1_000;

/** Where a test run is, in one line: "Waiting at wait-1h until 10:00:12", "Finished: completed". */
export function followSummary(
  run: Pick<RunDetail, 'status' | 'statusReason' | 'currentNodeId' | 'waitingFor'>,
  formatTime: (iso: string) => string = (iso) => new Date(iso).toLocaleTimeString(),
): string {
  if (run.status !== 'running')
    return `Finished: ${run.status}${run.statusReason ? ` (${run.statusReason})` : ''}`;
  if (run.waitingFor)
    return `Waiting at ${run.waitingFor.nodeId}${run.waitingFor.until ? ` until ${formatTime(run.waitingFor.until)}` : ''}`;
  return run.currentNodeId ? `At ${run.currentNodeId}` : 'Starting…';
}

/** Whether the editor should keep polling the run. */
export function stillMoving(run: Pick<RunDetail, 'status'> | undefined): boolean {
  return run === undefined || run.status === 'running';
}
