/**
 * Goal conversions: a goal event within the window after a run's entry converts that run (the
 * latest one per journey), with the revenue read from the event; each run converts at most once
 * (`run_conversions` is unique per run). Applied by the router to each batch of routed events.
 */
import { conversionCandidates, insertConversion, type Query, type RoutedEventRow } from '@waypoint/data';
import { evaluateOnProperties, parseDuration, readPath } from '@waypoint/journey';

/** An event as routing reads it from the events table. */
export type RoutedEvent = RoutedEventRow;

/**
 * Reads the candidates of the whole batch at once and applies the events in order. `hears` says
 * whether a run may count an event (not its own trigger, not one before it in the batch).
 */
export async function attributeConversions(
  query: Query,
  events: RoutedEvent[],
  hears: (eventId: string, triggerEventId: string | null) => boolean,
  attempt: (event: RoutedEvent, step: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const candidates = await conversionCandidates(
    query,
    [...new Set(events.map((e) => e.customer_id))],
    [...new Set(events.map((e) => e.type))],
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
        await insertConversion(query, {
          runId: run.id,
          journeyId: run.journey_id,
          eventId: event.id,
          revenue: Number.isFinite(revenue) ? revenue : 0,
          currency: readPath(event.properties, 'currency') ?? null,
          convertedAt: event.occurred_at,
        });
        converted.add(run.journey_id);
        convertedRuns.add(run.id);
      }
    });
  }
}
