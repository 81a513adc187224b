/** Running a worker around a run under time skipping, without letting it outlive a failed test. */
import type { WorkflowHandle } from '@temporalio/client';
import type { journeyRun, JourneyRunResult } from '@waypoint/workflows';
import type { TimeSkippingStack } from './time-skipping-stack';

/** Well inside the test files' Jest timeout, so a stuck run fails the test and the worker shuts down. */
const REAL_TIME_LIMIT_MS = 60_000;

/**
 * Runs a worker until the run ends, doing `during` first (skipping time, sending signals,
 * looking at the database mid-run); returns the run's result.
 */
export async function finishRun(
  stack: TimeSkippingStack,
  handle: WorkflowHandle<typeof journeyRun>,
  during?: () => Promise<void>,
): Promise<JourneyRunResult> {
  const worker = await stack.worker();
  return worker.runUntil(
    withTimeout(
      (async () => {
        await during?.();
        return handle.result();
      })(),
      REAL_TIME_LIMIT_MS,
    ),
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the run did not end within ${ms / 1000} s (real time)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
