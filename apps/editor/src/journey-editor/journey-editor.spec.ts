import { describe, expect, it } from '@jest/globals';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { createJourneyEditor } from './journey-editor';
import { selectedNodeId, withSelection } from './journey-view';

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

function editorWith(definition = cart) {
  let clock = 0;
  const editor = createJourneyEditor({ name: 'Cart', definition, now: () => clock });
  return {
    editor,
    /** The document: graph, settings and undo. */
    state: () => editor.document.getState(),
    /** The view: selection, pinned problems, announcements. */
    view: () => editor.view.getState(),
    tick: (ms: number) => (clock += ms),
  };
}

describe('journey editor (document and view stores)', () => {
  it('adds a step after the selected one, connected from its free output, and selects it', () => {
    const { editor, state, view } = editorWith();
    view().selectOnly('email');
    const id = editor.addNode('exit');
    expect(id).toBe('exit-1');
    expect(state().edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toContain(
      'email:next->exit-1',
    );
    expect(selectedNodeId(view())).toBe('exit-1');
    expect(state().nodes.find((n) => n.id === 'exit-1')!.position.y).toBeGreaterThan(320);
  });

  it('adds a dropped step where it was dropped, unconnected', () => {
    const { editor, state, view } = editorWith();
    view().selectOnly('email');
    const id = editor.addNode('send.sms', { position: { x: 500, y: 40 } });
    expect(state().nodes.find((n) => n.id === id)).toMatchObject({
      type: 'send.sms',
      position: { x: 500, y: 40 },
      data: { template: '', category: 'marketing' },
    });
    expect(state().edges.some((e) => e.target === id)).toBe(false);
  });

  it('inserts a step on an edge: source → new → target, and moves what follows down', () => {
    const { editor, state } = editorWith();
    const id = editor.insertOnEdge('wait:next', 'action.coupon')!;
    const links = state().edges.map((e) => `${e.source}->${e.target}`);
    expect(links).toEqual(['trigger->wait', `wait->${id}`, `${id}->email`]);
    expect(state().nodes.find((n) => n.id === 'email')!.position.y).toBeGreaterThan(320);
    expect(state().nodes.find((n) => n.id === 'trigger')!.position.y).toBe(0);
  });

  it('connects valid outputs and refuses invalid ones with a reason', () => {
    const { editor, state, view } = editorWith();
    editor.addNode('exit', { position: { x: 0, y: 480 } });
    editor.connect({ source: 'email', sourceHandle: 'next', target: 'exit-1', targetHandle: null });
    expect(state().edges).toHaveLength(3);
    editor.connect({ source: 'email', sourceHandle: 'next', target: 'wait', targetHandle: null });
    editor.connect({ source: 'wait', sourceHandle: 'next', target: 'trigger', targetHandle: null });
    expect(state().edges).toHaveLength(3);
    expect(view().announcement?.text).toBe('Cannot connect: Nothing may lead into the trigger.');
  });

  it('undoes and redoes edits, one step per action', () => {
    const { editor, state } = editorWith();
    editor.deleteNode('wait');
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'email']);
    expect(state().edges).toHaveLength(0);
    state().undo();
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'wait', 'email']);
    expect(state().edges).toHaveLength(2);
    state().redo();
    expect(state().nodes.map((n) => n.id)).toEqual(['trigger', 'email']);
  });

  it('makes typing in one field one undo step, but a pause or another field a new one', () => {
    const { state, tick } = editorWith();
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
    const { editor, state, view } = editorWith();
    editor.onNodesChange([
      { type: 'select', id: 'wait', selected: true },
      { type: 'select', id: 'email', selected: true },
    ]);
    expect(editor.copySelection()).toBe(2);
    expect(editor.paste()).toBe(2);
    const pasted = state().nodes.filter((n) => view().selectedNodes.has(n.id));
    expect(pasted.map((n) => n.id)).toEqual(['wait-1', 'email-1']);
    expect(pasted[0].position).toEqual({ x: 40, y: 200 });
    expect(state().edges.map((e) => `${e.source}->${e.target}`)).toContain('wait-1->email-1');
    expect(state().edges).toHaveLength(3);
  });

  it('drops the edge of a condition that is removed', () => {
    const { state } = editorWith({
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
    const { editor, state } = editorWith();
    editor.setOutputTarget('trigger', 'next', 'email');
    expect(
      state()
        .edges.filter((e) => e.source === 'trigger')
        .map((e) => e.target),
    ).toEqual(['email']);
    editor.setOutputTarget('trigger', 'next', null);
    expect(state().edges.some((e) => e.source === 'trigger')).toBe(false);
  });

  it('counts edits to the stored journey in `revision`, and not selection or measuring', () => {
    const { editor, state } = editorWith();
    editor.onNodesChange([{ type: 'select', id: 'wait', selected: true }]);
    editor.onNodesChange([{ type: 'dimensions', id: 'wait', dimensions: { width: 240, height: 90 } }]);
    editor.onNodesChange([{ type: 'position', id: 'wait', position: { x: 5, y: 5 }, dragging: true }]);
    expect(state().revision).toBe(0);
    editor.onNodesChange([{ type: 'position', id: 'wait', position: { x: 9, y: 9 }, dragging: false }]);
    expect(state().revision).toBe(1);
  });

  it('lays the journey out so every step sits below the one leading to it', () => {
    // Upside down (not all at one point, which a journey is laid out for when it opens).
    const { editor, state } = editorWith({
      ...cart,
      nodes: cart.nodes.map((n, index) => ({ ...n, position: { x: 0, y: 320 - index * 160 } })),
    });
    editor.autoLayout();
    const y = (id: string) => state().nodes.find((n) => n.id === id)!.position.y;
    expect(y('trigger')).toBeLessThan(y('wait'));
    expect(y('wait')).toBeLessThan(y('email'));
  });

  it('changes nothing in a read-only store (a past version)', () => {
    const editor = createJourneyEditor({ definition: cart, readOnly: true });
    editor.deleteNode('wait');
    editor.document.getState().updateNodeData('wait', { duration: '9d' });
    editor.onNodesChange([{ type: 'remove', id: 'email' }]);
    expect(editor.document.getState().definition()).toEqual({
      nodes: cart.nodes,
      edges: cart.edges,
      settings: cart.settings,
    });
  });

  it('after a refused publish, drops problems the marketer fixed and keeps the rest', () => {
    const { editor, state, view } = editorWith();
    editor.publishRefused([
      { nodeId: 'email', code: 'output_not_connected', message: 'Output "next" of "email" leads nowhere' },
      { nodeId: 'email', code: 'template_missing', message: 'missing template' },
    ]);
    expect(view().problemsByNode.get('email')).toHaveLength(2);
    editor.addNode('exit', { position: { x: 0, y: 480 } });
    editor.connect({ source: 'email', sourceHandle: 'next', target: 'exit-1', targetHandle: null });
    editor.recheckProblems();
    expect(view().problems.map((p) => p.code)).toEqual(['template_missing']);
    state().updateNodeData('email', { template: 'cart-last-call' });
    editor.recheckProblems();
    expect(view().problems).toEqual([]);
  });

  it('keeps selection in the view: selecting is no edit, and undo leaves the selection as it is', () => {
    const { editor, state, view } = editorWith();
    editor.onNodesChange([{ type: 'select', id: 'email', selected: true }]);
    expect(state().revision).toBe(0);
    expect(state().past).toHaveLength(0);
    expect(state().nodes.some((n) => n.selected)).toBe(false);
    state().updateNodeData('wait', { duration: '2h' });
    state().undo();
    expect(selectedNodeId(view())).toBe('email');
    editor.onNodesChange([{ type: 'remove', id: 'email' }]);
    expect(view().selectedNodes.size).toBe(0);
  });

  it('opens a journey stored without layout laid out, with nothing to undo', () => {
    const { state } = editorWith({ ...cart, nodes: cart.nodes.map(({ position: _p, ...n }) => n) });
    const y = (id: string) => state().nodes.find((n) => n.id === id)!.position.y;
    expect(y('trigger')).toBeLessThan(y('wait'));
    expect(y('wait')).toBeLessThan(y('email'));
    expect(state().past).toHaveLength(0);
    expect(state().revision).toBe(0);
  });

  it('marks selected steps for React Flow, keeping every unchanged object', () => {
    const { state } = editorWith();
    const marked = new WeakMap();
    const nodes = state().nodes;
    const first = withSelection(nodes, new Set(['wait']), marked);
    const again = withSelection(nodes, new Set(['wait']), marked);
    expect(first.map((n) => Boolean(n.selected))).toEqual([false, true, false]);
    expect(first[0]).toBe(nodes[0]);
    expect(again[1]).toBe(first[1]);
    expect(withSelection(nodes, new Set(), marked)[1]).toBe(nodes[1]);
  });
});
