/**
 * The large journey the editor phase opens: a long abandoned-cart-like journey of `steps` steps
 * (waits, emails, coupons, and every fourth step a condition with an SMS arm), laid out top to
 * bottom as the editor would have saved it, so opening it needs no auto-layout. It validates, so
 * it can be published and opened live (with counters).
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';

type StoredNode = JourneyDefinitionInput['nodes'][number];
type StoredEdge = JourneyDefinitionInput['edges'][number];

const ROW = 160;

export function largeJourney(steps: number): JourneyDefinitionInput {
  const nodes: StoredNode[] = [
    { id: 'trigger', type: 'trigger.event', data: { event: 'checkout.started' }, position: { x: 0, y: 0 } },
  ];
  const edges: StoredEdge[] = [];
  let previous = { id: 'trigger', handle: 'next' };
  for (let i = 1; nodes.length < steps - 1; i++) {
    const y = i * ROW;
    const id = `step-${i}`;
    // A condition brings its SMS step along: only when both fit before the exit.
    const kind = i % 4 === 0 && nodes.length + 2 > steps - 1 ? 1 : i % 4;
    if (kind === 0) {
      nodes.push(
        {
          id,
          type: 'branch.condition',
          data: {
            conditions: [
              {
                id: 'sms',
                name: 'SMS consent',
                when: { attribute: 'consent.sms', op: 'eq', value: 'opted_in' },
              },
            ],
          },
          position: { x: 0, y },
        },
        {
          id: `${id}-sms`,
          type: 'send.sms',
          data: { template: 'cart-last-call' },
          position: { x: -300, y: y + ROW },
        },
      );
      edges.push(
        { source: previous.id, sourceHandle: previous.handle, target: id },
        { source: id, sourceHandle: 'sms', target: `${id}-sms` },
        { source: `${id}-sms`, sourceHandle: 'next', target: 'done' },
      );
      previous = { id, handle: 'else' };
      continue;
    }
    const position = { x: 0, y };
    nodes.push(
      kind === 1
        ? { id, type: 'wait.delay', data: { duration: '1h' }, position }
        : kind === 2
          ? { id, type: 'send.email', data: { template: 'cart-reminder' }, position }
          : { id, type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'BENCH' }, position },
    );
    edges.push({ source: previous.id, sourceHandle: previous.handle, target: id });
    previous = { id, handle: 'next' };
  }
  nodes.push({ id: 'done', type: 'exit', data: {}, position: { x: 0, y: (nodes.length + 1) * ROW } });
  edges.push({ source: previous.id, sourceHandle: previous.handle, target: 'done' });
  return { nodes, edges, settings: { exitOn: [{ event: 'order.placed' }] } };
}
