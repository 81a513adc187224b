import { describe, expect, it } from '@jest/globals';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { createJourneyStore, selectedNodeId } from './journey-store';

const cart: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'checkout.started' }, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait.delay', data: { duration: '1h' }, position: { x: 0, y: 160 } },
    { id: 'email', type: 'send.email', data: { template: 'cart-reminder' }, position: { x: 0, y: 320 } },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { source: 'wait', sourceHandle: 'next', target: 'email' },
  ],
  settings: { exitOn: [{ event: 'order.placed' }] },
};

function storeWith(definition = cart) {
  let clock = 0;
  const store = createJourneyStore({ name: 'Cart', definition, now: () => clock });
  return { store, state: () => store.getState(), tick: (ms: number) => (clock += ms) };
}

describe('journey store', () => {
  it('adds a step after the selected one, connected from its free output, and selects it', () => {
    const { state } = storeWith();
    state().selectOnly('email');
    const id = state().addNode('exit');
    expect(id).toBe('exit-1');
    expect(state().edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toContain(
      'email:next->exit-1',
    );
    expect(selectedNodeId(state())).toBe('exit-1');
    expect(state().nodes.find((n) => n.id === 'exit-1')!.position.y).toBeGreaterThan(320);
  });

  it('adds a dropped step where it was dropped, unconnected', () => {
    const { state } = storeWith();
    state().selectOnly('email');
    const id = state().addNode('send.sms', { position: { x: 500, y: 40 } });
    expect(state().nodes.find((n) => n.id === id)).toMatchObject({
      type: 'send.sms',
      position: { x: 500, y: 40 },
      data: { template: '', category: 'marketing' },
    });
    expect(state().edges.some((e) => e.target === id)).toBe(false);
  });

  it('inserts a step on an edge: source → new → target, and moves what follows down', () => {
    const { state } = storeWith();
    const id = state().insertOnEdge('wait:next', 'action.coupon')!;
    const links = state().edges.map((e) => `${e.source}->${e.target}`);
    expect(links).toEqual(['trigger->wait', `wait->${id}`, `${id}->email`]);
    expect(state().nodes.find((n) => n.id === 'email')!.position.y).toBeGreaterThan(320);
    expect(state().nodes.find((n) => n.id === 'trigger')!.position.y).toBe(0);
  });

  it('connects valid outputs and refuses invalid ones with a reason', () => {
    const { state } = storeWith();
    state().addNode('exit', { position: { x: 0, y: 480 } });
    state().connect({ source: 'email', sourceHandle: 'next', target: 'exit-1', targetHandle: null });
    expect(state().edges).toHaveLength(3);
    state().connect({ source: 'email', sourceHandle: 'next', target: 'wait', targetHandle: null });
    state().connect({ source: 'wait', sourceHandle: 'next', target: 'trigger', targetHandle: null });
    expect(state().edges).toHaveLength(3);
    expect(state().announcement?.text).toBe('Cannot connect: Nothing may lead into the trigger.');
  });

  it('undoes and redoes edits, one step per action', () => {
    const { state } = storeWith();
    state().deleteNode('wait');
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'email']);
    expect(state().edges).toHaveLength(0);
    state().undo();
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'wait', 'email']);
    expect(state().edges).toHaveLength(2);
    state().redo();
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'email']);
  });

  it('makes typing in one field one undo step, but a pause or another field a new one', () => {
    const { state, tick } = storeWith();
    for (const duration of ['2h', '24h', '2h']) {
      state().updateNodeData('wait', { duration }, 'duration');
      tick(200);
    }
    tick(2_000);
    state().updateNodeData('wait', { duration: '3h' }, 'duration');
    state().undo();
    expect(state().nodes.find((n) => n.id === 'wait')!.data).toEqual({ duration: '2h' });
    state().undo();
    expect(state().nodes.find((n) => n.id === 'wait')!.data).toEqual({ duration: '1h' });
  });

  it('pastes a copied selection with new ids, its inner edges, offset, and selected', () => {
    const { state } = storeWith();
    state().onNodesChange([
      { type: 'select', id: 'wait', selected: true },
      { type: 'select', id: 'email', selected: true },
    ]);
    expect(state().copySelection()).toBe(2);
    expect(state().paste()).toBe(2);
    const pasted = state().nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.id)).toEqual(['wait-1', 'email-1']);
    expect(pasted[0].position).toEqual({ x: 40, y: 200 });
    expect(state().edges.map((e) => `${e.source}->${e.target}`)).toContain('wait-1->email-1');
    expect(state().edges).toHaveLength(3);
  });

  it('drops the edge of a condition that is removed', () => {
    const { state } = storeWith({
      nodes: [
        {
          id: 'branch',
          type: 'branch.condition',
          data: {
            conditions: [
              { id: 'sms', name: 'SMS', when: { segment: 'a' } },
              { id: 'wa', name: 'WhatsApp', when: { segment: 'b' } },
            ],
          },
        },
        { id: 'x', type: 'exit', data: {} },
        { id: 'y', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'branch', sourceHandle: 'sms', target: 'x' },
        { source: 'branch', sourceHandle: 'wa', target: 'y' },
      ],
    });
    state().updateNodeData('branch', { conditions: [{ id: 'sms', name: 'SMS', when: { segment: 'a' } }] });
    expect(state().edges.map((e) => e.sourceHandle)).toEqual(['sms']);
  });

  it('re-points an output from the inspector, replacing its edge', () => {
    const { state } = storeWith();
    state().setOutputTarget('trigger', 'next', 'email');
    expect(
      state()
        .edges.filter((e) => e.source === 'trigger')
        .map((e) => e.target),
    ).toEqual(['email']);
    state().setOutputTarget('trigger', 'next', null);
    expect(state().edges.some((e) => e.source === 'trigger')).toBe(false);
  });

  it('counts edits to the stored journey in `revision`, and not selection or measuring', () => {
    const { state } = storeWith();
    state().onNodesChange([{ type: 'select', id: 'wait', selected: true }]);
    state().onNodesChange([{ type: 'dimensions', id: 'wait', dimensions: { width: 240, height: 90 } }]);
    state().onNodesChange([{ type: 'position', id: 'wait', position: { x: 5, y: 5 }, dragging: true }]);
    expect(state().revision).toBe(0);
    state().onNodesChange([{ type: 'position', id: 'wait', position: { x: 9, y: 9 }, dragging: false }]);
    expect(state().revision).toBe(1);
  });

  it('lays the journey out so every step sits below the one leading to it', () => {
    const { state } = storeWith({
      ...cart,
      nodes: cart.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
    });
    state().autoLayout();
    const y = (id: string) => state().nodes.find((n) => n.id === id)!.position.y;
    expect(y('trigger')).toBeLessThan(y('wait'));
    expect(y('wait')).toBeLessThan(y('email'));
  });

  it('changes nothing in a read-only store (a past version)', () => {
    const store = createJourneyStore({ definition: cart, readOnly: true });
    store.getState().deleteNode('wait');
    store.getState().updateNodeData('wait', { duration: '9d' });
    store.getState().onNodesChange([{ type: 'remove', id: 'email' }]);
    expect(store.getState().definition()).toEqual({
      nodes: cart.nodes,
      edges: cart.edges,
      settings: cart.settings,
    });
  });

  it('after a refused publish, drops problems the marketer fixed and keeps the rest', () => {
    const { state } = storeWith();
    state().publishRefused([
      { nodeId: 'email', code: 'output_not_connected', message: 'Output "next" of "email" leads nowhere' },
      { nodeId: 'email', code: 'template_missing', message: 'missing template' },
    ]);
    expect(state().problemsByNode.get('email')).toHaveLength(2);
    state().addNode('exit', { position: { x: 0, y: 480 } });
    state().connect({ source: 'email', sourceHandle: 'next', target: 'exit-1', targetHandle: null });
    state().recheckProblems();
    expect(state().problems.map((p) => p.code)).toEqual(['template_missing']);
    state().updateNodeData('email', { template: 'cart-last-call' });
    state().recheckProblems();
    expect(state().problems).toEqual([]);
  });
});
