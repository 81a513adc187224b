/** Durations for the one-line-per-phase progress the commands print. */

/** Starts a clock; calling the result gives the elapsed time as e.g. "2.1s". */
export function stopwatch(): () => string {
  const started = process.hrtime.bigint();
  return () => `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)}s`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
