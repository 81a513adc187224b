import { twilioStatusEvent } from './twilio-status.mapper';

const receivedAt = new Date('2026-11-24T10:00:00Z');
const callback = (status: string, extra: Record<string, string> = {}) =>
  twilioStatusEvent({ MessageSid: 'SM123', MessageStatus: status, To: '+15551234567', ...extra }, receivedAt);

describe('Twilio status callback mapping', () => {
  it('finds the message by MessageSid and dedupes per message and status', () => {
    expect(callback('delivered')).toMatchObject({
      providerEventId: 'SM123:delivered',
      match: { messageId: null, providerMessageId: 'SM123', channels: ['sms', 'whatsapp'] },
      status: 'delivered',
      canonical: { type: 'message.delivered' },
    });
  });

  it('maps read receipts to opened and failures to message.bounced', () => {
    expect(callback('read')).toMatchObject({ status: 'opened', canonical: { type: 'message.opened' } });
    expect(callback('undelivered', { ErrorCode: '30003' })).toMatchObject({
      status: 'undelivered',
      error: 'Twilio 30003',
      canonical: { type: 'message.bounced', properties: { errorCode: '30003' } },
    });
    expect(callback('undelivered', { ErrorCode: '30003' })?.suppressWith).toBeUndefined();
    const queued = callback('queued');
    expect([queued?.kind, queued?.status, queued?.canonical]).toEqual(['queued', undefined, undefined]);
  });

  it('suppresses the channel on error 21610 (the recipient replied STOP to Twilio)', () => {
    expect(callback('failed', { ErrorCode: '21610' })?.suppressWith).toBe('twilio:21610');
  });

  it('needs a MessageSid and a status', () => {
    expect(twilioStatusEvent({ MessageStatus: 'sent' }, receivedAt)).toBeNull();
    expect(twilioStatusEvent({ MessageSid: 'SM1' }, receivedAt)).toBeNull();
  });
});
