import { describe, expect, it } from '@jest/globals';
import { EMPTY_NODE_STATS, messageFunnel, nodeCounters } from './node-counters';

describe('node counters', () => {
  it('counts a message toward every step it passed: clicked ⊂ opened ⊂ delivered ⊂ sent', () => {
    expect(
      messageFunnel({ sent: 4, delivered: 3, opened: 2, clicked: 1, sandboxed: 2, sending: 1, failed: 1 }),
    ).toEqual({
      sent: 12,
      delivered: 6,
      opened: 3,
      clicked: 1,
    });
  });

  it('shows entered and the funnel on a send, leaving out steps nothing reached', () => {
    const counters = nodeCounters('send.email', {
      ...EMPTY_NODE_STATS,
      entered: 5,
      messages: { sandboxed: 5, opened: 2 },
    });
    expect(counters.map((c) => [c.label, c.value])).toEqual([
      ['entered', 5],
      ['sent', 7],
      ['delivered', 2],
      ['opened', 2],
    ]);
  });

  it('shows how many wait now on a wait, even when none do', () => {
    expect(
      nodeCounters('wait.delay', { ...EMPTY_NODE_STATS, entered: 3, waiting: 0 }).map((c) => c.key),
    ).toEqual(['entered', 'waiting']);
  });

  it('shows skips by reason, most frequent first, and failures', () => {
    const counters = nodeCounters('send.sms', {
      ...EMPTY_NODE_STATS,
      entered: 9,
      skipped: 6,
      failed: 1,
      skippedBy: { 'no SMS consent': 2, 'frequency cap': 4 },
    });
    expect(counters.filter((c) => c.tone).map((c) => `${c.value} ${c.label}`)).toEqual([
      '4 skipped: frequency cap',
      '2 skipped: no SMS consent',
      '1 failed',
    ]);
  });

  it('shows zero entered for a node no run has reached yet', () => {
    expect(nodeCounters('exit', undefined)).toEqual([{ key: 'entered', label: 'entered', value: 0 }]);
  });
});
