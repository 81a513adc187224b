/** The two journeys under test, published through the API as a marketer would. */
import type { JourneyDefinitionInput } from '@waypoint/journey';

/**
 * (a) One message: customer.updated → coupon → welcome email → exit. The welcome template shows a
 * coupon code (strict templates refuse a missing one), so the coupon node comes with it, as in the
 * shipped welcome journey.
 */
export function oneMessage(): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'BENCH' } },
      { id: 'email', type: 'send.email', data: { template: 'welcome', category: 'marketing' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

/** The wait node's id, unique to this journey so its steps can be counted directly. */
export const WAIT_NODE = 'bench-wait';

/** (b) customer.updated → coupon → wait.delay → welcome email → exit. */
export function couponWaitEmail(delay: string): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'WAIT' } },
      { id: WAIT_NODE, type: 'wait.delay', data: { duration: delay } },
      { id: 'email', type: 'send.email', data: { template: 'welcome', category: 'marketing' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: WAIT_NODE },
      { source: WAIT_NODE, sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

/** Creates and publishes a journey; returns its id. */
export async function publishJourney(
  baseUrl: string,
  name: string,
  definition: JourneyDefinitionInput,
): Promise<string> {
  const created = (await call(baseUrl, 'POST', '/v1/journeys', { name, definition })) as {
    data: { id: string };
  };
  await call(baseUrl, 'POST', `/v1/journeys/${created.data.id}/publish`);
  return created.data.id;
}

export async function archiveJourney(baseUrl: string, id: string): Promise<void> {
  await call(baseUrl, 'POST', `/v1/journeys/${id}/archive`);
}
