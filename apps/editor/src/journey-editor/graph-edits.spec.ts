import { describe, expect, it } from '@jest/globals';
import { insertOnEdge, nextNodeId, ROW, withoutDanglingEdges } from './graph-edits';
import { toFlow } from './journey-flow';

const loop = toFlow({
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'x' }, position: { x: 0, y: 0 } },
    {
      id: 'wait',
      type: 'wait.event',
      data: { event: 'order.placed', timeout: '1d' },
      position: { x: 0, y: 160 },
    },
    { id: 'email', type: 'send.email', data: { template: 't' }, position: { x: 0, y: 320 } },
    { id: 'done', type: 'exit', data: {}, position: { x: 0, y: 480 } },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { source: 'wait', sourceHandle: 'timeout', target: 'email' },
    { source: 'email', sourceHandle: 'next', target: 'wait' },
    { source: 'wait', sourceHandle: 'event', target: 'done' },
  ],
});

describe('graph edits', () => {
  it('hands out the first free readable id', () => {
    expect(nextNodeId('wait', new Set(['wait-1', 'wait-2']))).toBe('wait-3');
    expect(nextNodeId('email', new Set())).toBe('email-1');
  });

  it('inserting in a loop moves only what is below and does not lead back up', () => {
    const node = toFlow({ nodes: [{ id: 'delay', type: 'wait.delay', data: { duration: '1h' } }], edges: [] })
      .nodes[0];
    const next = insertOnEdge({ nodes: loop.nodes, edges: loop.edges }, 'wait:event', node)!;
    const y = (id: string) => next.nodes.find((n) => n.id === id)!.position.y;
    expect(y('done')).toBe(480 + ROW);
    // email leads back into wait (upstream of the insertion): it stays where it was.
    expect(y('email')).toBe(320);
    expect(y('delay')).toBe(480);
    expect(next.edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toEqual([
      'trigger:next->wait',
      'wait:timeout->email',
      'email:next->wait',
      'wait:event->delay',
      'delay:next->done',
    ]);
  });

  it('drops connections whose end is gone or whose output no longer exists', () => {
    const edges = [...loop.edges, { ...loop.edges[0], id: 'x', sourceHandle: 'maybe' }];
    const kept = withoutDanglingEdges(
      loop.nodes.filter((n) => n.id !== 'done'),
      edges,
    );
    expect(kept.map((e) => e.id)).toEqual(['trigger:next', 'wait:timeout', 'email:next']);
  });
});
