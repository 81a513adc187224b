/**
 * How a test run shortens its waits (docs/product.md, "Test runs"): every wait to a fixed few
 * seconds at most, or divided by a factor. Pure, so the run workflow and the API share it.
 */

/** Every wait ends after at most `seconds`, or lasts its length divided by `factor`. */
export type TestWaits = { mode: 'fixed'; seconds: number } | { mode: 'factor'; factor: number };

/** The default: every wait (delay, until, event timeout, quiet hours) becomes 10 seconds at most. */
export const DEFAULT_TEST_WAITS: TestWaits = { mode: 'fixed', seconds: 10 };

/**
 * When a wait from `from` to `wakeAt` (ISO times) ends in a test run with these waits. Never later
 * than the real end, never before `from`.
 */
export function shortenedWake(from: string, wakeAt: string, waits: TestWaits): string {
  const start = Date.parse(from);
  const end = Date.parse(wakeAt);
  if (!(end > start)) return wakeAt;
  const length =
    waits.mode === 'fixed' ? Math.min(end - start, waits.seconds * 1000) : (end - start) / waits.factor;
  return new Date(start + Math.round(length)).toISOString();
}

/** "every wait at most 10 s" / "every wait divided by 360", for the steps and the editor. */
export function describeTestWaits(waits: TestWaits): string {
  return waits.mode === 'fixed'
    ? `every wait at most ${waits.seconds} s`
    : `every wait divided by ${waits.factor}`;
}
