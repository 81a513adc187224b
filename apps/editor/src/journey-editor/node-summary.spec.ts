import { describe, expect, it } from '@jest/globals';
import { outputLabel, outputsOfNode, summarizeNode } from './node-summary';

describe('summarizeNode', () => {
  it.each([
    [{ type: 'wait.delay', data: { duration: '1h' } }, 'Wait 1 hour'],
    [{ type: 'wait.delay', data: { duration: '3d' } }, 'Wait 3 days'],
    [{ type: 'send.email', data: { template: 'cart-reminder' } }, 'Email: cart-reminder'],
    [{ type: 'send.email', data: { template: '' } }, 'Email: choose a template'],
    [{ type: 'send.sms', data: { template: 'cart-last-call' } }, 'SMS: cart-last-call'],
    [{ type: 'send.whatsapp', data: { contentSid: 'HX123' } }, 'WhatsApp: approved HX123'],
    [{ type: 'trigger.event', data: { event: 'checkout.started' } }, 'When checkout.started'],
    [{ type: 'trigger.segment', data: { stage: 'inactive' } }, 'Enters stage inactive'],
    [
      { type: 'trigger.date', data: { attribute: 'attributes.birthday', offset: '-3d' } },
      'On attributes.birthday − 3 days',
    ],
    [{ type: 'wait.until', data: { timeOfDay: '09:00', weekdays: [1, 2, 3, 4, 5] } }, 'Until 09:00 Mon–Fri'],
    [
      { type: 'wait.until', data: { attribute: 'attributes.replenish_at', offset: '-3d' } },
      'Until attributes.replenish_at − 3 days',
    ],
    [
      { type: 'wait.event', data: { event: 'order.placed', timeout: '3d' } },
      'Wait for order.placed, up to 3 days',
    ],
    [
      {
        type: 'branch.split',
        data: {
          arms: [
            { id: 'a', name: 'A', percent: 50 },
            { id: 'b', name: 'B', percent: 50 },
          ],
        },
      },
      '50 % / 50 %',
    ],
    [
      { type: 'action.coupon', data: { kind: 'free_shipping', value: 0, expiresIn: '3d' } },
      'Coupon: free shipping, 3 days',
    ],
    [{ type: 'action.coupon', data: { kind: 'percent', value: 15 } }, 'Coupon: 15 % off'],
    [
      { type: 'action.update_profile', data: { addTags: ['vip'], awardPoints: 50 } },
      'Profile: +vip, +50 points',
    ],
    [{ type: 'action.webhook', data: { url: 'https://hooks.example.com/x' } }, 'POST hooks.example.com'],
    [{ type: 'exit', data: {} }, 'End of the journey'],
  ])('%j reads "%s"', (node, summary) => {
    expect(summarizeNode(node)).toBe(summary);
  });

  it('describes a single condition in words and several by count', () => {
    expect(
      summarizeNode({
        type: 'branch.condition',
        data: {
          conditions: [
            { id: 'sms', name: 'SMS', when: { attribute: 'consent.sms', op: 'eq', value: 'opted_in' } },
          ],
        },
      }),
    ).toBe('If consent.sms is "opted_in"');
    expect(
      summarizeNode({
        type: 'branch.condition',
        data: {
          conditions: [
            { id: 'a', name: 'A', when: { segment: 'x' } },
            { id: 'b', name: 'B', when: { segment: 'y' } },
          ],
        },
      }),
    ).toBe('2 conditions, else');
  });

  it('never throws on an unfinished or unknown node', () => {
    expect(summarizeNode({ type: 'wait.delay', data: {} })).toBe('Wait …');
    expect(summarizeNode({ type: 'trigger.event', data: { event: '' } })).toBe(
      'Choose the event that starts it',
    );
    expect(summarizeNode({ type: 'branch.condition', data: {} })).toBe('0 conditions, else');
    expect(summarizeNode({ type: 'teleport', data: {} })).toBe('Unknown step type "teleport"');
  });
});

describe('outputsOfNode and outputLabel', () => {
  const branch = {
    type: 'branch.condition',
    data: { conditions: [{ id: 'yes', name: 'Has ordered', when: { did: 'order.placed' } }] },
  };
  const split = {
    type: 'branch.split',
    data: {
      arms: [
        { id: 'offer', name: 'Last offer', percent: 70 },
        { id: 'holdout', name: 'Holdout', percent: 30 },
      ],
    },
  };

  it('offers one output per condition plus else, labelled with the condition names', () => {
    expect(outputsOfNode(branch)).toEqual(['yes', 'else']);
    expect(outputLabel(branch, 'yes')).toBe('Has ordered');
    expect(outputLabel(branch, 'else')).toBe('else');
  });

  it('offers event and timeout for a wait for an event', () => {
    const node = { type: 'wait.event', data: { event: 'order.placed', timeout: '1d' } };
    expect(outputsOfNode(node)).toEqual(['event', 'timeout']);
    expect(outputLabel(node, 'timeout')).toBe('timeout');
  });

  it('offers one output per split arm, labelled with name and share', () => {
    expect(outputsOfNode(split)).toEqual(['offer', 'holdout']);
    expect(outputLabel(split, 'holdout')).toBe('Holdout 30 %');
  });

  it('offers a single unlabelled next for other steps and nothing for the exit', () => {
    expect(outputsOfNode({ type: 'send.email', data: { template: 'x' } })).toEqual(['next']);
    expect(outputLabel({ type: 'send.email', data: {} }, 'next')).toBe('');
    expect(outputsOfNode({ type: 'exit', data: {} })).toEqual([]);
  });
});
