/**
 * One SendGrid Event Webhook event as a provider delivery event: which of our messages it is about
 * (our `message_id` custom arg, else the X-Message-Id part of `sg_message_id`), the delivery status
 * it reports, whether it withdraws email consent, and the canonical event it becomes.
 */
import type { ProviderDeliveryEvent } from './delivery-event-recorder.service';

/** The fields we read; SendGrid sends more, and our custom args come back as top-level fields. */
export interface SendGridEvent {
  email?: unknown;
  timestamp?: unknown;
  event?: unknown;
  sg_event_id?: unknown;
  sg_message_id?: unknown;
  type?: unknown;
  url?: unknown;
  reason?: unknown;
  status?: unknown;
  response?: unknown;
  sg_machine_open?: unknown;
  message_id?: unknown;
  [field: string]: unknown;
}

/** Null when the event cannot be recorded (no sg_event_id or event name). */
export function sendGridDeliveryEvent(raw: SendGridEvent, receivedAt: Date): ProviderDeliveryEvent | null {
  const kind = text(raw.event);
  const eventId = text(raw.sg_event_id);
  if (!kind || !eventId) return null;
  const seconds = typeof raw.timestamp === 'number' ? raw.timestamp : Number(text(raw.timestamp) ?? NaN);
  const event: ProviderDeliveryEvent = {
    provider: 'sendgrid',
    providerEventId: eventId,
    kind,
    occurredAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : receivedAt,
    detail: raw,
    match: {
      messageId: text(raw.message_id),
      // sg_message_id is the X-Message-Id SendGrid answered with, then ".filter…" per recipient.
      providerMessageId: text(raw.sg_message_id)?.split('.')[0] || null,
      channels: ['email'],
    },
  };
  const reason = text(raw.reason) ?? text(raw.response);
  switch (kind) {
    case 'processed':
      return { ...event, status: 'sent' };
    case 'delivered':
      return { ...event, status: 'delivered', canonical: { type: 'message.delivered', properties: {} } };
    case 'open':
      return {
        ...event,
        status: 'opened',
        // Apple Mail Privacy Protection opens every message itself; journeys may want to tell.
        canonical: { type: 'message.opened', properties: { machineOpen: raw.sg_machine_open === true } },
      };
    case 'click':
      return {
        ...event,
        status: 'clicked',
        canonical: { type: 'message.clicked', properties: { url: text(raw.url) } },
      };
    case 'bounce': {
      // `blocked` is a receiving server refusing this message; `bounce` (or none, before SendGrid
      // split the two) means the address does not exist: never mail it again.
      const bounceType = text(raw.type) ?? 'bounce';
      return {
        ...event,
        status: 'bounced',
        error: reason,
        suppressWith: bounceType === 'bounce' ? 'sendgrid:bounce' : undefined,
        canonical: { type: 'message.bounced', properties: { bounceType, reason } },
      };
    }
    case 'dropped':
      return {
        ...event,
        status: 'dropped',
        error: reason,
        canonical: { type: 'message.bounced', properties: { bounceType: 'dropped', reason } },
      };
    case 'spamreport':
      return { ...event, suppressWith: 'sendgrid:spamreport' };
    case 'unsubscribe':
      return { ...event, suppressWith: 'sendgrid:unsubscribe' };
    default:
      // deferred, group_unsubscribe, group_resubscribe …: kept for the record, nothing else.
      return event;
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
