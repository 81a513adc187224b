/** Small journey graphs for tests, built with the shared schema's input type. */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import type { TestStack } from './test-stack';

/** trigger(event) -> coupon -> wait(delay) -> email(template) -> exit */
export function couponWaitEmail(event: string, delay: string, template = 'welcome'): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 15, prefix: 'BACK' } },
      { id: 'pause', type: 'wait.delay', data: { duration: delay } },
      { id: 'email', type: 'send.email', data: { template } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'pause' },
      { source: 'pause', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

/** Creates and publishes a journey through the API; returns its id. */
export async function publishJourney(
  stack: TestStack,
  name: string,
  definition: JourneyDefinitionInput,
): Promise<string> {
  const created = await stack.request('POST', '/v1/journeys', { name, definition });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const published = await stack.request('POST', `/v1/journeys/${created.body.data.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return created.body.data.id;
}

/**
 * trigger(experiment.entered) -> split A 50 / B 50 -> exit, judged as an experiment with a small
 * horizon; goal: order.placed within 7 days.
 */
export function splitJourney(minEntriesPerArm: number): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'experiment.entered' } },
      {
        id: 'split',
        type: 'branch.split',
        data: {
          arms: [
            { id: 'a', name: 'A', percent: 50 },
            { id: 'b', name: 'B', percent: 50 },
          ],
          experiment: { minEntriesPerArm, confidence: 0.95 },
        },
      },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'split' },
      { source: 'split', sourceHandle: 'a', target: 'done' },
      { source: 'split', sourceHandle: 'b', target: 'done' },
    ],
    settings: { goal: { event: 'order.placed', window: '7d', revenueProperty: 'totalPrice' } },
  };
}

/** trigger(event) -> coupon -> welcome email -> exit; goal: order.placed within 7 days (revenue: totalPrice). */
export function couponEmailGoal(event: string): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10 } },
      { id: 'email', type: 'send.email', data: { template: 'welcome' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'coupon' },
      { source: 'coupon', target: 'email' },
      { source: 'email', target: 'done' },
    ],
    settings: { goal: { event: 'order.placed', window: '7d', revenueProperty: 'totalPrice' } },
  };
}
