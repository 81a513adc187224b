/**
 * A store's events through the event API and what routing made of them: for tests that enter
 * journeys the way a store does and read the runs and steps back.
 */
import { eventually, type TestStack } from './test-stack';

let sequence = 0;

/** Sends an event through `POST /v1/events` with the API key; answers the stored event's id. */
export async function sendEvent(
  stack: TestStack,
  key: string,
  customer: string,
  type: string,
  properties: Record<string, unknown>,
  email = `${customer}@example.com`,
): Promise<string> {
  const res = await stack.request(
    'POST',
    '/v1/events',
    {
      type,
      customer: { id: customer, email },
      properties,
      idempotencyKey: `${customer}:${type}:${++sequence}`,
    },
    { authorization: `Bearer ${key}` },
  );
  expect(res.status).toBe(202);
  return res.body.data.eventId as string;
}

/** Resolves once the event has left the routing outbox. */
export async function routed(stack: TestStack, eventId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await stack.query<{ routed: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed FROM events e WHERE e.id = $1`,
      [eventId],
    );
    return row?.routed || undefined;
  }, `event ${eventId} to be routed`);
}

export interface RunRow {
  id: string;
  status: string;
  status_reason: string | null;
  trigger_event_id: string;
  entry_key: string;
}

/** The customer's (by external id) runs of the journey (by name), oldest first. */
export function runsOf(stack: TestStack, customer: string, journey: string): Promise<RunRow[]> {
  return stack.query<RunRow>(
    `SELECT r.id, r.status, r.status_reason, r.trigger_event_id, r.entry_key
       FROM runs r JOIN customers c ON c.id = r.customer_id JOIN journeys j ON j.id = r.journey_id
      WHERE c.external_id = $1 AND j.name = $2 ORDER BY r.started_at`,
    [customer, journey],
  );
}
