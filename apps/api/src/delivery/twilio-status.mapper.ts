/**
 * One Twilio status callback (SMS or WhatsApp) as a provider delivery event: the message is found
 * by its MessageSid, the status maps to a delivery status, and error 21610 (the recipient replied
 * STOP to Twilio) withdraws consent on that channel.
 */
import type { ProviderDeliveryEvent } from './delivery-event-recorder.service';
import type { DeliveryStatus } from './delivery-status';

/** Twilio's "attempt to send to unsubscribed recipient". */
export const TWILIO_UNSUBSCRIBED_RECIPIENT = '21610';

const STATUSES: Record<string, DeliveryStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'opened',
  undelivered: 'undelivered',
  failed: 'failed',
};

const CANONICAL: Partial<Record<DeliveryStatus, string>> = {
  delivered: 'message.delivered',
  opened: 'message.opened',
  undelivered: 'message.bounced',
  failed: 'message.bounced',
};

/** Null when the callback names no message or status. */
export function twilioStatusEvent(
  params: Record<string, string>,
  receivedAt: Date,
): ProviderDeliveryEvent | null {
  const sid = params.MessageSid || params.SmsSid;
  const kind = (params.MessageStatus || params.SmsStatus || '').toLowerCase();
  if (!sid || !kind) return null;
  const status = STATUSES[kind];
  const errorCode = params.ErrorCode || null;
  const error = errorCode
    ? `Twilio ${errorCode}${params.ErrorMessage ? `: ${params.ErrorMessage}` : ''}`
    : null;
  const canonical = status ? CANONICAL[status] : undefined;
  return {
    provider: 'twilio',
    providerEventId: `${sid}:${kind}`,
    kind,
    occurredAt: receivedAt,
    detail: params,
    match: { messageId: null, providerMessageId: sid, channels: ['sms', 'whatsapp'] },
    status,
    error,
    suppressWith: errorCode === TWILIO_UNSUBSCRIBED_RECIPIENT ? `twilio:${errorCode}` : undefined,
    canonical: canonical
      ? {
          type: canonical,
          properties:
            canonical === 'message.bounced' ? { errorCode, reason: params.ErrorMessage || error } : {},
        }
      : undefined,
  };
}
