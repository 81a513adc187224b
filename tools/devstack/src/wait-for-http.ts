/** Waiting for an HTTP service to come up, e.g. the API's GET /health after it was spawned. */
import { sleep } from './timing';

export interface WaitForHttpOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early (the user pressed Ctrl-C, or the service crashed). */
  signal?: AbortSignal;
}

/** True once the URL answers 200; false on timeout or abort. */
export async function waitForHttpOk(url: string, options: WaitForHttpOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && !options.signal?.aborted) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(options.intervalMs ?? 300);
  }
  return false;
}
