import { describe, expect, it } from '@jest/globals';
import { layoutJourney } from './auto-layout';

const box = (id: string, width = 240, height = 96) => ({ id, width, height });

describe('layoutJourney', () => {
  it('lays the journey out top to bottom: every step sits below the step that leads to it', () => {
    const edges = [
      { source: 'trigger', target: 'wait' },
      { source: 'wait', target: 'branch' },
      { source: 'branch', target: 'sms', order: 0 },
      { source: 'branch', target: 'email', order: 1 },
      { source: 'sms', target: 'done' },
      { source: 'email', target: 'done' },
    ];
    const nodes = ['trigger', 'wait', 'branch', 'sms', 'email', 'done'].map((id) => box(id));
    const at = layoutJourney(nodes, edges);
    for (const edge of edges) {
      expect(at.get(edge.target)!.y).toBeGreaterThan(at.get(edge.source)!.y + 96);
    }
    // The two arms share a rank, side by side, without overlapping.
    expect(at.get('sms')!.y).toBe(at.get('email')!.y);
    expect(Math.abs(at.get('sms')!.x - at.get('email')!.x)).toBeGreaterThanOrEqual(240);
  });

  it('returns top-left corners: a single node of width 200 centred on 0 starts at -100', () => {
    const at = layoutJourney([box('only', 200, 80)], []);
    expect(at.get('only')).toEqual({ x: 0, y: 0 });
    const two = layoutJourney([box('a', 200, 80), box('b', 100, 80)], [{ source: 'a', target: 'b' }]);
    // Centres line up vertically whatever the widths.
    expect(two.get('a')!.x + 100).toBe(two.get('b')!.x + 50);
  });

  it('places every node, including ones no edge reaches, and ignores edges to unknown nodes', () => {
    const at = layoutJourney(
      [box('a'), box('b'), box('lonely')],
      [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'ghost' },
      ],
    );
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'lonely']);
  });

  it('draws a shared exit once, below every path that ends in it, without overlapping anything', () => {
    // trigger → 30 branches in a chain, each with a side step that ends in the one exit.
    const nodes = [box('trigger'), box('done')];
    const edges: Array<{ source: string; target: string; order?: number }> = [];
    let previous = 'trigger';
    for (let i = 0; i < 30; i++) {
      nodes.push(box(`b${i}`), box(`side${i}`));
      edges.push({ source: previous, target: `b${i}` });
      edges.push({ source: `b${i}`, target: `side${i}`, order: 0 });
      edges.push({ source: `side${i}`, target: 'done' });
      previous = `b${i}`;
    }
    edges.push({ source: previous, target: 'done', order: 1 });
    const at = layoutJourney(nodes, edges);
    for (const edge of edges) expect(at.get(edge.target)!.y).toBeGreaterThan(at.get(edge.source)!.y);
    const placed = nodes.map((n) => ({ ...at.get(n.id)!, w: n.width, h: n.height }));
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
    }
  });
});
