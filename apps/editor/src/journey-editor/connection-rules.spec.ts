import { describe, expect, it } from '@jest/globals';
import { checkConnection, freeOutputs } from './connection-rules';

const nodes = [
  { id: 'trigger', type: 'trigger.event', data: { event: 'checkout.started' } },
  { id: 'wait', type: 'wait.delay', data: { duration: '1h' } },
  { id: 'email', type: 'send.email', data: { template: 'cart-reminder' } },
  {
    id: 'branch',
    type: 'branch.condition',
    data: { conditions: [{ id: 'yes', name: 'Yes', when: { segment: 'vip' } }] },
  },
  { id: 'done', type: 'exit', data: {} },
];
const edges = [{ id: 'trigger:next', source: 'trigger', sourceHandle: 'next', target: 'wait' }];

describe('checkConnection', () => {
  it('accepts an output that leads nowhere yet to any other non-trigger step', () => {
    expect(checkConnection({ source: 'wait', sourceHandle: 'next', target: 'email' }, nodes, edges)).toEqual({
      ok: true,
    });
    expect(checkConnection({ source: 'branch', sourceHandle: 'else', target: 'done' }, nodes, edges)).toEqual(
      { ok: true },
    );
  });

  it('refuses any connection into the trigger', () => {
    const verdict = checkConnection(
      { source: 'wait', sourceHandle: 'next', target: 'trigger' },
      nodes,
      edges,
    );
    expect(verdict).toEqual({ ok: false, reason: 'Nothing may lead into the trigger.' });
  });

  it('refuses a step leading to itself', () => {
    const verdict = checkConnection({ source: 'wait', sourceHandle: 'next', target: 'wait' }, nodes, edges);
    expect(verdict.ok).toBe(false);
  });

  it('refuses a second connection from an output that already leads somewhere', () => {
    const verdict = checkConnection(
      { source: 'trigger', sourceHandle: 'next', target: 'email' },
      nodes,
      edges,
    );
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('already leads somewhere') });
  });

  it('allows re-pointing an output when its current edge is the one being replaced', () => {
    const verdict = checkConnection(
      { source: 'trigger', sourceHandle: 'next', target: 'email' },
      nodes,
      edges,
      'trigger:next',
    );
    expect(verdict).toEqual({ ok: true });
  });

  it('refuses outputs a step does not have, and any output of the exit', () => {
    expect(
      checkConnection({ source: 'branch', sourceHandle: 'maybe', target: 'done' }, nodes, edges).ok,
    ).toBe(false);
    expect(checkConnection({ source: 'done', sourceHandle: 'next', target: 'email' }, nodes, edges).ok).toBe(
      false,
    );
  });

  it('refuses connections to steps that do not exist', () => {
    expect(checkConnection({ source: 'wait', sourceHandle: 'next', target: 'ghost' }, nodes, edges).ok).toBe(
      false,
    );
    expect(checkConnection({ source: null, target: 'wait' }, nodes, edges).ok).toBe(false);
  });
});

describe('freeOutputs', () => {
  it('lists the outputs that lead nowhere yet, in order', () => {
    const branchEdges = [{ source: 'branch', sourceHandle: 'yes', target: 'email' }];
    expect(freeOutputs(nodes[3], branchEdges)).toEqual(['else']);
    expect(freeOutputs(nodes[0], edges)).toEqual([]);
    expect(freeOutputs(nodes[4], edges)).toEqual([]);
  });
});
