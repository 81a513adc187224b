/**
 * What a failed consent write-back does next. Everything is retried with exponential backoff
 * (5 s, 10 s, 20 s … capped at an hour), since the change must reach the store however long it
 * is away, throttled, or refusing a token an admin has yet to fix; the one exception is the
 * store refusing the input itself (`userErrors`, e.g. an unknown customer, or a customer with no
 * phone for SMS), which a few more tries cannot change: it is given up after
 * REFUSALS_BEFORE_GIVING_UP attempts, its error kept on the row and logged.
 */
import { ShopifyUserError } from '@waypoint/shopify';

export const WRITEBACK_FIRST_BACKOFF_MS = 5_000;
export const WRITEBACK_MAX_BACKOFF_MS = 3_600_000;
/** Attempts a store refusal gets (a clock a few seconds ahead of the store's heals on a retry). */
export const REFUSALS_BEFORE_GIVING_UP = 5;

export type WritebackFailure =
  { action: 'retry'; delayMs: number; error: string } | { action: 'give_up'; error: string };

/** `attempts` counts this one (1 after the first failure); `random` in [0, 1) spreads the retries. */
export function afterWritebackFailure(
  error: unknown,
  attempts: number,
  random: () => number = Math.random,
): WritebackFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ShopifyUserError && attempts >= REFUSALS_BEFORE_GIVING_UP)
    return { action: 'give_up', error: message };
  return { action: 'retry', delayMs: writebackBackoffMs(attempts, random), error: message };
}

/** The wait after the n-th failed attempt: doubling from the first backoff, ±20 %, capped. */
export function writebackBackoffMs(attempts: number, random: () => number = Math.random): number {
  const exponential = WRITEBACK_FIRST_BACKOFF_MS * 2 ** Math.max(0, Math.min(attempts - 1, 30));
  const jittered = Math.round(Math.min(exponential, WRITEBACK_MAX_BACKOFF_MS) * (0.8 + random() * 0.4));
  return Math.min(jittered, WRITEBACK_MAX_BACKOFF_MS);
}
