import { graphChanges } from './publish-impact';

const live = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'checkout.started' } },
    { id: 'wait', type: 'wait.delay', data: { duration: '1h' }, position: { x: 0, y: 100 } },
    { id: 'email', type: 'send.email', data: { template: 'cart' } },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { source: 'wait', sourceHandle: 'next', target: 'email' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' }, quietHours: {}, frequencyCap: [] },
};

describe('graphChanges', () => {
  it('finds no change in the same graph drawn elsewhere, with defaults left out', () => {
    const draft = {
      nodes: live.nodes.map((n) => ({ ...n, position: { x: 300, y: 300 } })),
      edges: live.edges.map(({ sourceHandle: _handle, ...edge }) => edge),
    };
    expect(graphChanges(live, draft)).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: 0, removed: 0 },
      settingsChanged: [],
    });
  });

  it('lists added, removed and changed nodes with the fields that differ, edges and settings', () => {
    const draft = {
      nodes: [
        live.nodes[0],
        { id: 'wait', type: 'wait.delay', data: { duration: '2h' } },
        { id: 'sms', type: 'send.sms', data: { template: 'cart' } },
      ],
      edges: [live.edges[0], { source: 'wait', sourceHandle: 'next', target: 'sms' }],
      settings: { reentry: { mode: 'never' } },
    };
    expect(graphChanges(live, draft)).toEqual({
      nodes: {
        added: [{ id: 'sms', type: 'send.sms' }],
        removed: [{ id: 'email', type: 'send.email' }],
        changed: [{ id: 'wait', type: 'wait.delay', fields: ['data.duration'] }],
      },
      edges: { added: 1, removed: 1 },
      settingsChanged: ['reentry'],
    });
  });

  it('names a changed type, and tolerates an unfinished draft', () => {
    const draft = {
      nodes: [{ id: 'email', type: 'send.sms', data: { template: 'cart' } }, { id: 'x' }],
      edges: 'no',
    };
    const changes = graphChanges(live, draft);
    expect(changes.nodes.changed).toEqual([{ id: 'email', type: 'send.sms', fields: ['type'] }]);
    expect(changes.nodes.added).toEqual([{ id: 'x', type: '' }]);
    expect(changes.edges).toEqual({ added: 0, removed: 2 });
  });

  it('lists everything as added when nothing is live', () => {
    const changes = graphChanges(undefined, live);
    expect(changes.nodes.added.map((n) => n.id)).toEqual(['trigger', 'wait', 'email']);
    expect(changes.nodes.removed).toEqual([]);
    expect(changes.edges).toEqual({ added: 2, removed: 0 });
    expect(changes.settingsChanged).toEqual(['exitOn', 'frequencyCap', 'quietHours', 'reentry']);
  });
});
