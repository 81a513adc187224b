import { describe, expect, it } from '@jest/globals';
import { edgeKey, runPath } from './run-path';

const edges = [
  { source: 'trigger', sourceHandle: 'next', target: 'wait' },
  { source: 'wait', sourceHandle: 'next', target: 'ordered' },
  { source: 'ordered', sourceHandle: 'yes', target: 'done' },
  { source: 'ordered', sourceHandle: 'else', target: 'sms' },
  { source: 'sms', sourceHandle: 'next', target: 'done' },
];

describe('runPath', () => {
  it('follows the branch each step took, not every connection between visited steps', () => {
    const path = runPath(
      [
        { nodeId: 'trigger', branch: null, outcome: 'completed' },
        { nodeId: 'wait', branch: null, outcome: 'completed' },
        { nodeId: 'ordered', branch: 'else', outcome: 'completed' },
        { nodeId: 'sms', branch: null, outcome: 'skipped' },
        { nodeId: 'done', branch: null, outcome: 'completed' },
      ],
      edges,
      null,
    );
    expect([...path.followed]).toEqual([
      'trigger:next->wait',
      'wait:next->ordered',
      'ordered:else->sms',
      'sms:next->done',
    ]);
    expect(path.followed.has(edgeKey(edges[2]))).toBe(false);
    expect(path.lastOutcome.get('sms')).toBe('skipped');
  });

  it('counts visits of a step passed more than once, and marks where the run is now', () => {
    const loop = [...edges, { source: 'sms', sourceHandle: 'next', target: 'wait' }];
    const path = runPath(
      [
        { nodeId: 'trigger', branch: null, outcome: 'completed' },
        { nodeId: 'wait', branch: null, outcome: 'completed' },
        { nodeId: 'ordered', branch: 'else', outcome: 'completed' },
        { nodeId: 'sms', branch: null, outcome: 'completed' },
        { nodeId: 'wait', branch: null, outcome: 'waiting' },
      ],
      loop,
      'wait',
    );
    expect(path.visits.get('wait')).toBe(2);
    expect(path.lastOutcome.get('wait')).toBe('waiting');
    expect(path.current).toBe('wait');
    expect(path.followed.has('sms:next->wait')).toBe(true);
  });

  it('still draws the path when a branch id is no longer an output of the step', () => {
    const path = runPath(
      [
        { nodeId: 'ordered', branch: 'renamed-arm', outcome: 'completed' },
        { nodeId: 'sms', branch: null, outcome: 'completed' },
      ],
      edges,
      null,
    );
    expect([...path.followed]).toEqual(['ordered:else->sms']);
  });

  it('is empty for a run with no steps yet', () => {
    const path = runPath([], edges, null);
    expect(path.visits.size).toBe(0);
    expect(path.followed.size).toBe(0);
  });
});
