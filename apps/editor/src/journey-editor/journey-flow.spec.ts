import { describe, expect, it } from '@jest/globals';
import { JOURNEY_TEMPLATES } from '../journey-templates';
import { edgeIdFor, fromFlow, needsLayout, toFlow } from './journey-flow';

describe('toFlow / fromFlow', () => {
  it.each(JOURNEY_TEMPLATES.filter((t) => t.key !== 'blank').map((t) => [t.key, t.definition] as const))(
    'round-trips the shipped %s journey without losing or adding anything it stores',
    (_key, definition) => {
      const flow = toFlow(definition);
      const back = fromFlow(flow.nodes, flow.edges, flow.settings);
      expect(back.nodes).toEqual(definition.nodes);
      expect(back.edges).toEqual(definition.edges);
      expect(back.settings).toEqual(definition.settings);
    },
  );

  it('gives React Flow one custom edge per stored edge, with the output as source handle', () => {
    const flow = toFlow({
      nodes: [
        { id: 'w', type: 'wait.event', data: { event: 'order.placed', timeout: '1d' } },
        { id: 'a', type: 'exit', data: {} },
        { id: 'b', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'w', sourceHandle: 'event', target: 'a' },
        { source: 'w', sourceHandle: 'timeout', target: 'b' },
      ],
    });
    expect(flow.edges).toEqual([
      { id: 'w:event', type: 'journey', source: 'w', sourceHandle: 'event', target: 'a' },
      { id: 'w:timeout', type: 'journey', source: 'w', sourceHandle: 'timeout', target: 'b' },
    ]);
    expect(flow.nodes[0]).toEqual({
      id: 'w',
      type: 'wait.event',
      position: { x: 0, y: 0 },
      data: { event: 'order.placed', timeout: '1d' },
    });
  });

  it('reads an edge without a source handle as the "next" output', () => {
    const flow = toFlow({
      nodes: [],
      edges: [{ source: 'a', target: 'b' } as never],
    });
    expect(flow.edges[0].sourceHandle).toBe('next');
  });

  it('keeps edge ids unique even for the duplicate edges an invalid draft may hold', () => {
    const flow = toFlow({
      nodes: [],
      edges: [
        { source: 'a', sourceHandle: 'next', target: 'b' },
        { source: 'a', sourceHandle: 'next', target: 'c' },
      ],
    });
    expect(new Set(flow.edges.map((e) => e.id)).size).toBe(2);
    expect(edgeIdFor('a', 'next')).toBe('a:next');
  });

  it('stores only what the journey owns: no selection, measured size or edge ids; whole-pixel positions', () => {
    const stored = fromFlow(
      [
        {
          id: 'd',
          type: 'wait.delay',
          data: { duration: '1h' },
          position: { x: 10.4, y: 20.6 },
          selected: true,
          measured: { width: 240, height: 90 },
        },
      ],
      [{ id: 'x', type: 'journey', source: 'd', sourceHandle: 'next', target: 'e', selected: true }],
      {},
    );
    expect(stored).toEqual({
      nodes: [{ id: 'd', type: 'wait.delay', data: { duration: '1h' }, position: { x: 10, y: 21 } }],
      edges: [{ source: 'd', sourceHandle: 'next', target: 'e' }],
      settings: {},
    });
  });

  it('survives a missing definition (a journey created without one)', () => {
    expect(toFlow(undefined)).toEqual({ nodes: [], edges: [], settings: {} });
  });
});

describe('needsLayout', () => {
  it('asks for a layout when every node sits on the same point, and not otherwise', () => {
    const at = (x: number, y: number) =>
      toFlow({ nodes: [{ id: `${x}${y}`, type: 'exit', data: {}, position: { x, y } }], edges: [] }).nodes[0];
    expect(needsLayout([at(0, 0), at(0, 0)])).toBe(true);
    expect(needsLayout([at(0, 0), at(0, 120)])).toBe(false);
    expect(needsLayout([at(0, 0)])).toBe(false);
  });
});
