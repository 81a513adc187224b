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
  return couponWaitThenEmail({ id: WAIT_NODE, type: 'wait.delay', data: { duration: delay } }, 'WAIT');
}

/** customer.updated → coupon (codes starting with `prefix`) → the wait node → welcome email → exit. */
export function couponWaitThenEmail(
  wait: JourneyDefinitionInput['nodes'][number],
  prefix: string,
): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix } },
      wait,
      { id: 'email', type: 'send.email', data: { template: 'welcome', category: 'marketing' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: wait.id },
      { source: wait.id, sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

/** Where the management API is and the session to call it with (none before sign-in exists). */
export interface ApiAccess {
  apiUrl: string;
  apiToken: string | undefined;
}

async function call(api: ApiAccess, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (api.apiToken) headers.authorization = `Bearer ${api.apiToken}`;
  const res = await fetch(`${api.apiUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

/** Creates a journey (a draft); returns its id. */
export async function createJourney(
  api: ApiAccess,
  name: string,
  definition: JourneyDefinitionInput,
): Promise<string> {
  const created = (await call(api, 'POST', '/v1/journeys', { name, definition })) as {
    data: { id: string };
  };
  return created.data.id;
}

/** Creates and publishes a journey; returns its id. */
export async function publishJourney(
  api: ApiAccess,
  name: string,
  definition: JourneyDefinitionInput,
): Promise<string> {
  const id = await createJourney(api, name, definition);
  await publishDraft(api, id);
  return id;
}

/** Publishes a journey's draft as its next version. */
export async function publishDraft(api: ApiAccess, id: string): Promise<void> {
  await call(api, 'POST', `/v1/journeys/${id}/publish`);
}

export async function archiveJourney(api: ApiAccess, id: string): Promise<void> {
  await call(api, 'POST', `/v1/journeys/${id}/archive`);
}
