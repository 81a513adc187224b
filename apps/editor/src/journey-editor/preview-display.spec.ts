import { describe, expect, it } from '@jest/globals';
import type { JourneyPreview, PreviewStep } from '@waypoint/contract';
import { cardLine, pathMark, stepLines, stepsByNode } from './preview-display';

const step = (over: Partial<PreviewStep>): PreviewStep => ({
  nodeId: 'n',
  nodeType: 'wait.delay',
  visit: 1,
  outcome: 'completed',
  branch: null,
  reason: 'waited 1 hour',
  at: '2026-12-06T10:00:00.000Z',
  wakeAt: null,
  wakeAtLocal: null,
  message: null,
  assumption: null,
  ...over,
});

const result = (steps: PreviewStep[]): JourneyPreview => ({
  journeyId: '00000000-0000-4000-8000-000000000000',
  version: null,
  customerId: '00000000-0000-4000-8000-000000000001',
  timeZone: 'UTC',
  startedAt: '2026-12-06T10:00:00.000Z',
  triggerEvent: null,
  steps,
  end: { status: 'completed', reason: null },
  exitRules: [],
});

describe('preview display', () => {
  it('groups the steps by node, visits in order', () => {
    const map = stepsByNode(
      result([step({ nodeId: 'a' }), step({ nodeId: 'b' }), step({ nodeId: 'a', visit: 2 })]),
    );
    expect(map.get('a')?.map((s) => s.visit)).toEqual([1, 2]);
    expect(map.get('b')).toHaveLength(1);
  });

  it('marks nodes on and off the path, and nothing without a preview', () => {
    const shown = result([step({ nodeId: 'a' })]);
    expect(pathMark(shown, stepsByNode(shown).get('a'))).toBe('on');
    expect(pathMark(shown, undefined)).toBe('off');
    expect(pathMark(null, undefined)).toBeNull();
  });

  it("says a step's reason, its wait's end in the customer's zone, its message and the assumption", () => {
    expect(
      stepLines(
        step({
          nodeType: 'send.email',
          reason: 'would send email to ada@example.com',
          wakeAtLocal: '2026-12-07 08:00 Europe/Istanbul',
          message: {
            channel: 'email',
            to: 'ada@example.com',
            subject: 'Your cart',
            text: 'Hi',
            html: '<p>Hi</p>',
          },
          assumption: 'links are shown as written; the run sends them as tracked links',
        }),
      ),
    ).toEqual([
      { kind: 'reason', text: 'would send email to ada@example.com' },
      { kind: 'wait', text: 'Goes at 2026-12-07 08:00 Europe/Istanbul' },
      { kind: 'message', text: '“Your cart”' },
      { kind: 'assumption', text: 'links are shown as written; the run sends them as tracked links' },
    ]);
    expect(stepLines(step({ wakeAtLocal: '2026-12-06 11:00 UTC' }))[1]).toEqual({
      kind: 'wait',
      text: 'Until 2026-12-06 11:00 UTC',
    });
  });

  it("puts a wait's end on its card, and a branch's or send's reason", () => {
    expect(cardLine(step({ wakeAtLocal: '2026-12-06 11:00 UTC' }))).toBe('Until 2026-12-06 11:00 UTC');
    expect(
      cardLine(
        step({
          nodeType: 'send.sms',
          reason: 'skipped: no consent (sms)',
          wakeAtLocal: '2026-12-07 08:00 UTC',
        }),
      ),
    ).toBe('skipped: no consent (sms)');
  });
});
