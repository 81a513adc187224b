/**
 * Records one provider event about a message we sent (a SendGrid event, a Twilio status callback)
 * exactly once: finds the message, stores the event (`message_events`, unique per provider event),
 * moves the message's delivery status forward only, withdraws consent when the provider says the
 * address must not be mailed again, and turns the event into a canonical one (`message.opened` …)
 * for the message's customer so journeys can react to it.
 */
import { Injectable } from '@nestjs/common';
import {
  customerContact,
  Database,
  insertMessageEvent,
  lockMessageForDelivery,
  recordConsent,
  updateMessageDelivery,
  type DeliveredMessageRow,
  type MessageChannel,
  type Query,
} from '@waypoint/data';
import { EventIngestionService } from '../events/event-ingestion.service';
import {
  advanceDelivery,
  deliveryTimestampColumn,
  isDeliveryFailure,
  type DeliveryStatus,
} from './delivery-status';

export interface ProviderDeliveryEvent {
  provider: 'sendgrid' | 'twilio';
  /** Unique across deliveries of the same event (SendGrid's sg_event_id, Twilio's MessageSid:status). */
  providerEventId: string;
  /** The provider's own word for what happened (`open`, `undelivered`, `deferred` …). */
  kind: string;
  occurredAt: Date;
  /** The event as the provider sent it. */
  detail: Record<string, unknown>;
  /** Our message id (SendGrid custom arg), else the provider's id for the message. */
  match: { messageId: string | null; providerMessageId: string | null; channels: MessageChannel[] };
  /** The delivery status this event reports, when it reports one. */
  status?: DeliveryStatus;
  /** Why a failed delivery failed (bounce reason, Twilio error code). */
  error?: string | null;
  /** Withdraw consent on the message's channel, with this source (`sendgrid:bounce`, `twilio:21610`). */
  suppressWith?: string;
  /** The canonical event it becomes for the message's customer (`message.delivered` …). */
  canonical?: { type: string; properties: Record<string, unknown> };
}

export type RecordResult = 'recorded' | 'duplicate' | 'unmatched';

export interface RecordOutcome {
  result: RecordResult;
  messageId: string | null;
  deliveryStatus: DeliveryStatus | null;
  suppressed: boolean;
}

type MatchedMessage = DeliveredMessageRow & { delivery_status: DeliveryStatus | null };

@Injectable()
export class DeliveryEventRecorder {
  constructor(
    private readonly db: Database,
    private readonly ingestion: EventIngestionService,
  ) {}

  async record(event: ProviderDeliveryEvent): Promise<RecordOutcome> {
    const { outcome, message } = await this.db.transaction(async (query) => {
      // Locked first, so concurrent callbacks for one message take turns and see each other's status.
      const message = (await lockMessageForDelivery(query, event.match)) as MatchedMessage | null;
      const inserted = await insertMessageEvent(query, {
        messageId: message?.id ?? null,
        provider: event.provider,
        providerEventId: event.providerEventId,
        kind: event.kind,
        occurredAt: event.occurredAt,
        detail: event.detail,
      });
      const base = { messageId: message?.id ?? null, deliveryStatus: message?.delivery_status ?? null };
      if (!inserted)
        return { message, outcome: { ...base, result: 'duplicate' as const, suppressed: false } };
      if (!message) return { message, outcome: { ...base, result: 'unmatched' as const, suppressed: false } };

      const deliveryStatus = event.status
        ? await this.advance(query, message, event.status, event.occurredAt, event.error ?? null)
        : message.delivery_status;
      const suppressed = event.suppressWith
        ? await recordConsent(query, message.customer_id, message.channel, 'opted_out', event.suppressWith)
        : false;
      return {
        message,
        outcome: { result: 'recorded' as const, messageId: message.id, deliveryStatus, suppressed },
      };
    });
    // Also for a duplicate: if a previous delivery died between the two, this completes it, and
    // the idempotency key makes it a no-op otherwise.
    if (message && event.canonical) await this.emit(message, event, event.canonical);
    return outcome;
  }

  /** Moves the status forward only; the first time each stage was seen is kept either way. */
  private async advance(
    query: Query,
    message: MatchedMessage,
    reported: DeliveryStatus,
    at: Date,
    error: string | null,
  ): Promise<DeliveryStatus> {
    const next = advanceDelivery(message.delivery_status, reported);
    const failed = isDeliveryFailure(next) && next === reported && next !== message.delivery_status;
    await updateMessageDelivery(query, {
      messageId: message.id,
      next,
      at,
      failed,
      error,
      column: deliveryTimestampColumn(reported),
    });
    return next;
  }

  private async emit(
    message: MatchedMessage,
    event: ProviderDeliveryEvent,
    canonical: NonNullable<ProviderDeliveryEvent['canonical']>,
  ): Promise<void> {
    const customer = await customerContact(this.db.query, message.customer_id);
    if (!customer) return;
    await this.ingestion.ingest({
      idempotencyKey: `${event.provider}:${event.providerEventId}`,
      type: canonical.type,
      source: event.provider,
      occurredAt: event.occurredAt,
      customer: { externalId: customer.external_id, email: customer.email, phone: customer.phone },
      properties: {
        messageId: message.id,
        runId: message.run_id,
        journeyId: message.journey_id,
        nodeId: message.node_id,
        channel: message.channel,
        template: message.template,
        provider: event.provider,
        providerStatus: event.kind,
        ...canonical.properties,
      },
    });
  }
}
