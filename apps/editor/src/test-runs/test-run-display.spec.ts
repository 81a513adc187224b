import { describe, expect, it } from '@jest/globals';
import { followSummary, stillMoving, WAIT_CHOICES } from './test-run-display';

const time = (iso: string) => iso.slice(11, 19);

describe('followSummary', () => {
  it('says where a waiting test run waits and until when', () => {
    expect(
      followSummary(
        {
          status: 'running',
          statusReason: null,
          currentNodeId: 'wait-1h',
          waitingFor: {
            nodeId: 'wait-1h',
            nodeType: 'wait.delay',
            visit: 1,
            until: '2026-12-06T10:00:12.000Z',
            canContinueNow: true,
          },
        },
        time,
      ),
    ).toBe('Waiting at wait-1h until 10:00:12');
  });

  it('names the node a moving run is at', () => {
    expect(
      followSummary({ status: 'running', statusReason: null, currentNodeId: 'reminder', waitingFor: null }),
    ).toBe('At reminder');
  });

  it('says how a finished run ended', () => {
    expect(
      followSummary({
        status: 'failed',
        statusReason: '1 step failed: reminder (render error)',
        currentNodeId: null,
        waitingFor: null,
      }),
    ).toBe('Finished: failed (1 step failed: reminder (render error))');
  });
});

describe('stillMoving', () => {
  it('polls until the run has finished', () => {
    expect(stillMoving(undefined)).toBe(true);
    expect(stillMoving({ status: 'running' })).toBe(true);
    expect(stillMoving({ status: 'completed' })).toBe(false);
  });
});

describe('WAIT_CHOICES', () => {
  it('offers the 10-second default first', () => {
    expect(WAIT_CHOICES[0].waits).toEqual({ mode: 'fixed', seconds: 10 });
  });
});
