/**
 * Heartbeats for a long activity: one every few seconds while its work runs (long statements and
 * polls included), so a worker that dies mid-activity is noticed after the activity's
 * `heartbeatTimeout` and the activity is retried elsewhere, instead of after its whole
 * start-to-close timeout. Used by the store import and the daily lifecycle sweep.
 */
import { Context } from '@temporalio/activity';

/** How often: well inside the shortest heartbeat timeout the workflows give (10 s). */
export const HEARTBEAT_EVERY_MS = 2_000;

/** Runs `work` inside the current activity, heartbeating every `everyMs` until it settles. */
export async function whileHeartbeating<T>(
  work: () => Promise<T>,
  everyMs: number = HEARTBEAT_EVERY_MS,
): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
