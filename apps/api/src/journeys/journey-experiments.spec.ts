import { experimentOf, splitNodesOf } from './journey-experiments';

const split = {
  id: 's',
  type: 'branch.split',
  data: {
    arms: [
      { id: 'a', name: 'A', percent: 50 },
      { id: 'b', name: 'B', percent: 50 },
    ],
  },
};

describe('journey experiments', () => {
  it('finds the splits of a definition, even an unfinished draft, and nothing in a malformed one', () => {
    const draft = { nodes: [{ id: 't', type: 'trigger.event', data: {} }, split, { type: 'branch.split' }] };
    expect(splitNodesOf(draft).map((n) => n.id)).toEqual(['s']);
    expect(splitNodesOf({ nodes: 'nope' })).toEqual([]);
    expect(splitNodesOf(null)).toEqual([]);
  });

  it("judges a split without settings with the defaults, reading PostgreSQL's numeric strings", () => {
    const [node] = splitNodesOf({ nodes: [split] });
    const experiment = experimentOf(node, [
      {
        node_id: 's',
        arm_id: 'b',
        entered: 40,
        converted: 4,
        revenue: '200.50',
        revenue_squares: '10050.125',
      },
      { node_id: 'other', arm_id: 'a', entered: 99, converted: 9, revenue: '0', revenue_squares: '0' },
    ]);
    expect(experiment).toMatchObject({
      nodeId: 's',
      confidence: 0.95,
      minEntriesPerArm: 1_000,
      winner: null,
      verdict: 'not enough entries yet: 0 of 1,000 per arm',
    });
    expect(
      experiment.arms.map(({ armId, entered, converted, revenue }) => [armId, entered, converted, revenue]),
    ).toEqual([
      ['a', 0, 0, 0],
      ['b', 40, 4, 200.5],
    ]);
    expect(experiment.arms[1]).not.toHaveProperty('revenueSquares');
  });
});
