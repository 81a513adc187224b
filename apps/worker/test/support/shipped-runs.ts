/**
 * What the test files of the shipped journeys share: timing assertions that allow for the moments
 * activities take, and each shipped journey seeded once per file (as it is published).
 */
import { between, MINUTE, seedJourney, shippedJourney, type ShippedJourneyKey } from './seed';
import type { TimeSkippingStack } from './time-skipping-stack';

/** Activities and timers fire within moments of their due time; a minute is a generous bound. */
export const SLACK = MINUTE;

/** Asserts `to` is `ms` after `from`, give or take the time activities take (never earlier). */
export function expectAfter(from: Date | string, to: Date | string | null, ms: number): void {
  expect(to).not.toBeNull();
  const gap = between(from, to as Date);
  expect(gap).toBeGreaterThanOrEqual(ms);
  expect(gap).toBeLessThan(ms + SLACK);
}

/** Asserts `to` is about `ms` after `from`: for moments set by the test's own skipping and signals. */
export function expectAbout(from: Date | string, to: Date | string | null, ms: number): void {
  expect(to).not.toBeNull();
  expect(Math.abs(between(from, to as Date) - ms)).toBeLessThan(SLACK);
}

/** The id of a shipped journey live in this file's database, seeded on first use. */
export function shippedJourneyIds(stack: TimeSkippingStack): (key: ShippedJourneyKey) => Promise<string> {
  const journeys = new Map<ShippedJourneyKey, string>();
  return async (key) => {
    let id = journeys.get(key);
    if (!id) {
      const { name, definition } = shippedJourney(key);
      id = await seedJourney(stack.db, name, definition);
      journeys.set(key, id);
    }
    return id;
  };
}
