/**
 * Goal conversions: a goal event within the window after a run's entry converts that run (the
 * latest one per journey), with the revenue read from the event; each run converts at most once
 * (`run_conversions` is unique per run). Applied by the router to each batch of routed events.
 */
import { evaluateOnProperties, parseDuration, readPath, type JourneySettings } from '@waypoint/journey';
import type { DataSource } from 'typeorm';

/** An event as routing reads it from the events table. */
export interface RoutedEvent {
  id: string;
  type: string;
  customer_id: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
}

interface Candidate {
  id: string;
  journey_id: string;
  customer_id: string;
  started_at: Date;
  trigger_event_id: string | null;
  goal: Goal;
}

type Goal = NonNullable<JourneySettings['goal']>;

/**
 * Reads the candidates of the whole batch at once and applies the events in order. `hears` says
 * whether a run may count an event (not its own trigger, not one before it in the batch).
 */
export async function attributeConversions(
  db: DataSource,
  events: RoutedEvent[],
  hears: (eventId: string, triggerEventId: string | null) => boolean,
  attempt: (event: RoutedEvent, step: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const candidates: Candidate[] = await db.query(
    `SELECT r.id, r.journey_id, r.customer_id, r.started_at, r.trigger_event_id,
            v.definition -> 'settings' -> 'goal' AS goal
       FROM runs r JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
      WHERE r.customer_id = ANY($1::uuid[]) AND v.definition -> 'settings' -> 'goal' ->> 'event' = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM run_conversions c WHERE c.run_id = r.id)
      ORDER BY r.started_at DESC`,
    [[...new Set(events.map((e) => e.customer_id))], [...new Set(events.map((e) => e.type))]],
  );
  if (candidates.length === 0) return;
  const convertedRuns = new Set<string>();
  for (const event of events) {
    await attempt(event, async () => {
      const converted = new Set<string>();
      for (const run of candidates) {
        if (run.customer_id !== event.customer_id || run.goal.event !== event.type) continue;
        if (convertedRuns.has(run.id) || converted.has(run.journey_id)) continue;
        if (run.started_at > event.occurred_at || !hears(event.id, run.trigger_event_id)) continue;
        if (event.occurred_at.getTime() - run.started_at.getTime() > parseDuration(run.goal.window)) continue;
        if (run.goal.filter && !evaluateOnProperties(run.goal.filter, event.properties)) continue;
        const revenue = Number(readPath(event.properties, run.goal.revenueProperty ?? 'totalPrice'));
        await db.query(
          `INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, currency, converted_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id) DO NOTHING`,
          [
            run.id,
            run.journey_id,
            event.id,
            Number.isFinite(revenue) ? revenue : 0,
            readPath(event.properties, 'currency') ?? null,
            event.occurred_at,
          ],
        );
        converted.add(run.journey_id);
        convertedRuns.add(run.id);
      }
    });
  }
}
