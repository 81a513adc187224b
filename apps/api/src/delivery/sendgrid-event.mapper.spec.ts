import { sendGridDeliveryEvent } from './sendgrid-event.mapper';

const receivedAt = new Date('2026-11-24T10:00:00Z');
const base = {
  email: 'ada@example.com',
  timestamp: 1795000000,
  sg_event_id: 'ZGVsaXZlcmVk',
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  message_id: '4d0c2d4a-3f8e-4c55-9f1e-5b7a1d2c3e4f',
};

describe('SendGrid event mapping', () => {
  it('matches by our message_id custom arg, else by the X-Message-Id before the first dot', () => {
    const event = sendGridDeliveryEvent({ ...base, event: 'delivered' }, receivedAt);
    expect(event?.match).toEqual({
      messageId: base.message_id,
      providerMessageId: '14c5d75ce93',
      channels: ['email'],
    });
    expect(event?.occurredAt).toEqual(new Date(1795000000 * 1000));
  });

  it('maps each event to its delivery status and canonical event', () => {
    const map = (event: string, extra = {}) =>
      sendGridDeliveryEvent({ ...base, event, ...extra }, receivedAt);
    expect(map('processed')?.status).toBe('sent');
    expect(map('processed')?.canonical).toBeUndefined();
    expect(map('delivered')).toMatchObject({ status: 'delivered', canonical: { type: 'message.delivered' } });
    expect(map('open')).toMatchObject({ status: 'opened', canonical: { type: 'message.opened' } });
    expect(map('click', { url: 'https://x.test/a' })).toMatchObject({
      status: 'clicked',
      canonical: { type: 'message.clicked', properties: { url: 'https://x.test/a' } },
    });
    expect(map('dropped', { reason: 'Bounced Address' })).toMatchObject({
      status: 'dropped',
      canonical: { type: 'message.bounced' },
    });
    const deferred = map('deferred');
    expect([deferred?.kind, deferred?.status, deferred?.canonical, deferred?.suppressWith]).toEqual([
      'deferred',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('suppresses email on a hard bounce and a spam report, not on a block', () => {
    const map = (event: string, extra = {}) =>
      sendGridDeliveryEvent({ ...base, event, ...extra }, receivedAt);
    expect(map('bounce', { type: 'bounce' })?.suppressWith).toBe('sendgrid:bounce');
    expect(map('bounce', { type: 'blocked' })?.suppressWith).toBeUndefined();
    expect(map('bounce', { type: 'blocked' })?.status).toBe('bounced');
    expect(map('spamreport')?.suppressWith).toBe('sendgrid:spamreport');
  });

  it('cannot record an event without sg_event_id or event name', () => {
    expect(sendGridDeliveryEvent({ ...base, sg_event_id: undefined, event: 'open' }, receivedAt)).toBeNull();
    expect(sendGridDeliveryEvent({ ...base }, receivedAt)).toBeNull();
  });
});
