/**
 * An SMS or WhatsApp message a customer sent us: stored once as `sms.inbound` / `whatsapp.inbound`
 * for the customer with that number (journeys can react to it; WhatsApp's 24-hour session starts
 * from it), consent changed when it says STOP or START, and the reply to give (a confirmation, the
 * help text, or none).
 */
import { Inject, Injectable } from '@nestjs/common';
import { storedPhone } from '@waypoint/channels';
import type { TwilioInboundMessage } from '@waypoint/contract';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, lockCustomersWithPhone, recordConsent, senderExternalIdByPhone } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { EventIngestionService } from '../events/event-ingestion.service';
import type { CustomerProfileInput } from '../events/incoming-event';
import { inboundIntent, type InboundIntent } from './inbound-intent';

export interface InboundOutcome {
  channel: 'sms' | 'whatsapp';
  intent: InboundIntent | null;
  eventId: string;
  duplicate: boolean;
  /** The text to answer with, or null for no answer. */
  reply: string | null;
}

const WHATSAPP_PREFIX = 'whatsapp:';

@Injectable()
export class InboundMessages {
  constructor(
    private readonly db: Database,
    private readonly ingestion: EventIngestionService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly profiles: StoreProfileReader,
  ) {}

  /** `fields` passed the contract's twilioInboundForm (From and a message sid are there). */
  async receive(fields: TwilioInboundMessage, receivedAt: Date): Promise<InboundOutcome> {
    const from = fields.From.trim();
    const sid = (fields.MessageSid || fields.SmsMessageSid || fields.SmsSid)!.trim();
    const channel = from.startsWith(WHATSAPP_PREFIX) ? 'whatsapp' : 'sms';
    // Twilio sends E.164; normalised all the same, so the sender matches the stored number.
    const { country } = await this.profiles.current();
    const phone = storedPhone(withoutPrefix(from), country) ?? withoutPrefix(from);
    const body = fields.Body ?? '';
    const intent = inboundIntent(body);
    const accepted = await this.ingestion.ingest({
      idempotencyKey: `twilio:inbound:${sid}`,
      type: channel === 'sms' ? EVENT.smsInbound : EVENT.whatsappInbound,
      source: 'twilio',
      occurredAt: receivedAt,
      customer: await this.senderIdentity(phone, channel),
      properties: {
        body,
        from: phone,
        to: withoutPrefix(fields.To ?? ''),
        messageSid: sid,
        channel,
        intent,
        numMedia: Number(fields.NumMedia ?? 0) || 0,
      },
    });
    // A repeated delivery must not replay a STOP over a START that came after it.
    if (!accepted.duplicate && (intent === 'opt_out' || intent === 'opt_in')) {
      await this.recordNumberConsent(phone, accepted.customerId, channel, intent);
    }
    return {
      channel,
      intent,
      eventId: accepted.eventId,
      duplicate: accepted.duplicate,
      reply: this.reply(intent, channel),
    };
  }

  /**
   * Who wrote: the customer we last messaged at this number on this channel, else the first one
   * with the number. Named by external id when they have one, since a bare phone only matches a
   * customer without one (the ingestion's merge rule); nobody known → a new phone-only customer.
   */
  private async senderIdentity(phone: string, channel: 'sms' | 'whatsapp'): Promise<CustomerProfileInput> {
    const known = await senderExternalIdByPhone(this.db.query, phone, channel);
    return known?.external_id ? { externalId: known.external_id, phone } : { phone };
  }

  /**
   * STOP and START are about the number: every customer who has it, on that channel. An SMS
   * change is queued for the store in the same transaction (WhatsApp has no store counterpart).
   */
  private async recordNumberConsent(
    phone: string,
    senderId: string,
    channel: 'sms' | 'whatsapp',
    intent: 'opt_out' | 'opt_in',
  ): Promise<void> {
    await this.db.transaction(async (query) => {
      for (const id of await lockCustomersWithPhone(query, phone, senderId)) {
        await recordConsent(
          query,
          id,
          channel,
          intent === 'opt_out' ? 'opted_out' : 'opted_in',
          intent === 'opt_out' ? 'inbound:STOP' : 'inbound:START',
          { writeBack: true },
        );
      }
    });
  }

  private reply(intent: InboundIntent | null, channel: 'sms' | 'whatsapp'): string | null {
    const store = this.env.STORE_NAME;
    const messages = channel === 'sms' ? 'text messages' : 'WhatsApp messages';
    switch (intent) {
      case 'opt_out':
        return `${store}: you are unsubscribed and will get no more marketing ${messages}. Reply START to subscribe again.`;
      case 'opt_in':
        return `${store}: you are subscribed to marketing ${messages} again. Reply STOP to unsubscribe, HELP for help.`;
      case 'help':
        return `${store}: marketing ${messages} about offers and your orders. Reply STOP to unsubscribe, START to subscribe again. ${this.env.STORE_URL}`;
      default:
        return null;
    }
  }
}

function withoutPrefix(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith(WHATSAPP_PREFIX) ? trimmed.slice(WHATSAPP_PREFIX.length) : trimmed;
}
