import { describe, expect, it } from '@jest/globals';
import { evaluateOnProperties, matchesWaitEvent } from '@waypoint/journey';
import { ruleKind } from './condition-rules';
import {
  describeMessageRule,
  messageCondition,
  messageRuleOfCondition,
  messageRuleOfWait,
  sendSteps,
  waitForMessage,
  type MessageRule,
} from './message-rules';

const clickedSale: MessageRule = { action: 'clicked', nodeId: 'email-1', urlContains: '/sale' };

describe('clicked / opened presets of the event wait', () => {
  it('wait for a click on this run’s message, on a link containing the text, keeping the timeout', () => {
    const data = waitForMessage(clickedSale, { event: 'order.placed', timeout: '3d' });
    expect(data).toEqual({
      event: 'message.clicked',
      timeout: '3d',
      thisRun: true,
      filter: {
        all: [
          { property: 'nodeId', op: 'eq', value: 'email-1' },
          { property: 'url', op: 'contains', value: '/sale' },
        ],
      },
    });
    expect(messageRuleOfWait(data)).toEqual(clickedSale);
  });

  it('compile to what the engine matches: this run’s click on that message and link only', () => {
    const data = waitForMessage(clickedSale, { event: '', timeout: '1d' });
    const wait = { event: data.event!, filter: data.filter, thisRun: data.thisRun };
    const click = (properties: Record<string, unknown>) => ({ type: 'message.clicked', properties });
    expect(matchesWaitEvent(wait, click({ runId: 'r', nodeId: 'email-1', url: 'https://x/SALE' }), 'r')).toBe(
      true,
    );
    expect(
      matchesWaitEvent(wait, click({ runId: 'other', nodeId: 'email-1', url: 'https://x/sale' }), 'r'),
    ).toBe(false);
    expect(matchesWaitEvent(wait, click({ runId: 'r', nodeId: 'email-2', url: 'https://x/sale' }), 'r')).toBe(
      false,
    );
  });

  it('wait for any message’s click, or an open that is not Apple’s automatic one', () => {
    const any = waitForMessage(
      { action: 'clicked', nodeId: null, urlContains: '' },
      { event: '', timeout: '1d' },
    );
    expect(any.filter).toBeUndefined();
    expect(messageRuleOfWait(any)).toEqual({ action: 'clicked', nodeId: null, urlContains: '' });
    const opened = waitForMessage({ action: 'opened', nodeId: 'email-1', urlContains: 'ignored' }, any);
    expect(opened.event).toBe('message.opened');
    expect(evaluateOnProperties(opened.filter!, { nodeId: 'email-1', machineOpen: true })).toBe(false);
    expect(evaluateOnProperties(opened.filter!, { nodeId: 'email-1', machineOpen: false })).toBe(true);
    expect(messageRuleOfWait(opened)).toEqual({ action: 'opened', nodeId: 'email-1', urlContains: '' });
  });

  it('leave other waits as custom events (another event, no thisRun, a filter the presets cannot say)', () => {
    expect(messageRuleOfWait({ event: 'order.placed', timeout: '1d' })).toBeNull();
    expect(
      messageRuleOfWait({
        event: 'message.clicked',
        timeout: '1d',
        filter: { property: 'nodeId', op: 'eq', value: 'email' },
      }),
    ).toBeNull();
    expect(
      messageRuleOfWait({
        event: 'message.clicked',
        timeout: '1d',
        thisRun: true,
        filter: { property: 'channel', op: 'eq', value: 'sms' },
      }),
    ).toBeNull();
  });
});

describe('clicked / opened rules of the condition builder', () => {
  it('are "did" rules on this run’s messages, read back as the same rule kind', () => {
    const leaf = messageCondition(clickedSale);
    expect(leaf).toEqual({
      did: 'message.clicked',
      where: { nodeId: 'email-1' },
      filter: { property: 'url', op: 'contains', value: '/sale' },
      thisRun: true,
    });
    expect(messageRuleOfCondition(leaf)).toEqual(clickedSale);
    expect(ruleKind(leaf)).toBe('clicked');
    const opened = messageCondition({ action: 'opened', nodeId: null, urlContains: '' });
    expect(opened).toEqual({
      did: 'message.opened',
      filter: { property: 'machineOpen', op: 'neq', value: true },
      thisRun: true,
    });
    expect(ruleKind(opened)).toBe('opened');
  });

  it('leave a counted or windowed "did" rule, or one not about this run, as a plain "did" rule', () => {
    expect(ruleKind({ did: 'message.clicked', where: { nodeId: 'email-1' } })).toBe('did');
    expect(ruleKind({ did: 'message.clicked', thisRun: true, within: '1d' })).toBe('did');
    expect(ruleKind({ did: 'message.clicked', thisRun: true, count: { op: 'gte', value: 2 } })).toBe('did');
  });
});

describe('the journey’s send steps', () => {
  it('lists the send steps in order, named by channel and template', () => {
    const steps = sendSteps([
      { id: 't', type: 'trigger.event', data: { event: 'x' } },
      { id: 'email-1', type: 'send.email', data: { template: 'welcome' } },
      { id: 'sms-1', type: 'send.sms', data: { template: '' } },
    ]);
    expect(steps).toEqual([
      { id: 'email-1', label: 'Email: welcome (email-1)' },
      { id: 'sms-1', label: 'SMS: no template yet (sms-1)' },
    ]);
    expect(describeMessageRule(clickedSale, steps)).toBe(
      'clicked a link containing “/sale” in Email: welcome (email-1)',
    );
    expect(describeMessageRule({ action: 'opened', nodeId: null, urlContains: '' }, steps)).toBe(
      'opened any message of this journey',
    );
  });
});
