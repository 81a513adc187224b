/**
 * Real-time segments (docs/architecture.md, "Segments in real time"): right after routing reads a
 * batch of stored events, each customer's segments that those events can change are re-evaluated
 * for that customer alone, in one statement, which enters or removes them and writes the
 * `segment.entered` / `segment.exited` events; those are routed next, so a `trigger.segment`
 * journey starts within seconds and an exit rule on `segment.exited` ends a run. The profile API
 * calls it too (a profile update is an attribute change without an event).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { reevaluateSegmentsFor } from '@waypoint/customer-value';
import {
  Database,
  segmentsWithConditions,
  type RoutedEventRow,
  type SegmentToEvaluate,
} from '@waypoint/data';

/** Customers re-evaluated side by side (each one statement; below the pool size). */
const LANES = 8;

@Injectable()
export class RealtimeSegments {
  constructor(private readonly db: Database) {}

  /**
   * For each customer's events (in order), re-evaluates the segments they can change and hands
   * the events written to `route`. `attempt` runs a step for an event and records its failure, so
   * a failed re-evaluation leaves the customer's events to the routing sweep, which retries it
   * (the events' keys make the retry write nothing twice).
   */
  async afterEvents(
    byCustomer: RoutedEventRow[][],
    attempt: (event: RoutedEventRow, step: () => Promise<void>) => Promise<void>,
    route: (eventId: string) => void,
  ): Promise<void> {
    const segments = await segmentsWithConditions(this.db.query);
    if (segments.length === 0) return;
    let next = 0;
    const lane = async () => {
      while (next < byCustomer.length) await this.forCustomer(byCustomer[next++], segments, attempt, route);
    };
    await Promise.all(Array.from({ length: Math.min(LANES, byCustomer.length) }, lane));
  }

  private async forCustomer(
    own: RoutedEventRow[],
    segments: SegmentToEvaluate[],
    attempt: (event: RoutedEventRow, step: () => Promise<void>) => Promise<void>,
    route: (eventId: string) => void,
  ): Promise<void> {
    const last = own[own.length - 1];
    let failed = false;
    await attempt(last, async () => {
      try {
        const written = await reevaluateSegmentsFor(
          this.db.query,
          last.customer_id,
          { eventTypes: own.map((e) => e.type), cause: last.id },
          segments,
          asOfFor(own),
        );
        written.forEach(route);
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    // The customer's other events wait for the retry too.
    if (failed) for (const event of own.slice(0, -1)) await attempt(event, failing);
  }

  /** After a profile update (no event): every attribute-reading segment for this customer. */
  async afterProfileChange(customerId: string, route: (eventId: string) => void): Promise<void> {
    const segments = await segmentsWithConditions(this.db.query);
    const written = await reevaluateSegmentsFor(
      this.db.query,
      customerId,
      { eventTypes: [], profileChanged: true, cause: `profile:${randomUUID()}` },
      segments,
      new Date(),
    );
    written.forEach(route);
  }
}

/** How far ahead of our clock a sender's may be and still have its events counted at once. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The moment to decide at: now, or the customer's latest event if a sender's clock runs a little
 * ahead (else that event would not count yet); never further ahead than CLOCK_SKEW_MS.
 */
function asOfFor(events: RoutedEventRow[]): Date {
  const now = Date.now();
  const latest = Math.max(...events.map((e) => e.occurred_at.getTime()));
  return new Date(Math.max(now, Math.min(latest, now + CLOCK_SKEW_MS)));
}

async function failing(): Promise<void> {
  throw new Error('the segments of this customer are not re-evaluated yet');
}
