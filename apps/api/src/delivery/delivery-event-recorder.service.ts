/**
 * Records one provider event about a message we sent (a SendGrid event, a Twilio status callback)
 * exactly once: finds the message, stores the event (`message_events`, unique per provider event),
 * moves the message's delivery status forward only, withdraws consent when the provider says the
 * address must not be mailed again, and turns the event into a canonical one (`message.opened` …)
 * for the message's customer so journeys can react to it.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordConsent, type ConsentChannel, type MessageChannel } from '@waypoint/data';
import { DataSource, type EntityManager } from 'typeorm';
import { EventIngestionService } from '../events/event-ingestion.service';
import { isUuid } from '../journeys/journeys.service';
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

interface MatchedMessage {
  id: string;
  run_id: string;
  node_id: string;
  journey_id: string;
  customer_id: string;
  channel: MessageChannel;
  template: string;
  delivery_status: DeliveryStatus | null;
}

@Injectable()
export class DeliveryEventRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingestion: EventIngestionService,
  ) {}

  async record(event: ProviderDeliveryEvent): Promise<RecordOutcome> {
    const { outcome, message } = await this.db.transaction(async (tx) => {
      // Locked first, so concurrent callbacks for one message take turns and see each other's status.
      const message = await this.findMessage(tx, event.match);
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO message_events (message_id, provider, provider_event_id, kind, occurred_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider_event_id) DO NOTHING
         RETURNING id`,
        [
          message?.id ?? null,
          event.provider,
          event.providerEventId,
          event.kind,
          event.occurredAt,
          event.detail,
        ],
      );
      const base = { messageId: message?.id ?? null, deliveryStatus: message?.delivery_status ?? null };
      if (!inserted[0])
        return { message, outcome: { ...base, result: 'duplicate' as const, suppressed: false } };
      if (!message) return { message, outcome: { ...base, result: 'unmatched' as const, suppressed: false } };

      const deliveryStatus = event.status
        ? await this.advance(tx, message, event.status, event.occurredAt, event.error ?? null)
        : message.delivery_status;
      const suppressed = event.suppressWith
        ? await recordConsent(
            (sql, params) => tx.query(sql, params),
            message.customer_id,
            message.channel as ConsentChannel,
            'opted_out',
            event.suppressWith,
          )
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

  private async findMessage(
    tx: EntityManager,
    match: ProviderDeliveryEvent['match'],
  ): Promise<MatchedMessage | null> {
    const columns = `m.id, m.run_id, m.node_id, r.journey_id, m.customer_id, m.channel, m.template, m.delivery_status`;
    const attempts: Array<[string, string | null]> = [
      // A custom arg is only ours if it looks like our id; anything else is someone else's mail.
      ['m.id = $1::uuid', match.messageId && isUuid(match.messageId) ? match.messageId : null],
      ['m.provider_message_id = $1', match.providerMessageId],
    ];
    for (const [where, value] of attempts) {
      if (!value) continue;
      const rows: MatchedMessage[] = await tx.query(
        `SELECT ${columns} FROM messages m JOIN runs r ON r.id = m.run_id
          WHERE ${where} AND m.channel = ANY($2::text[])
          ORDER BY m.created_at DESC LIMIT 1
          FOR UPDATE OF m`,
        [value, match.channels],
      );
      if (rows[0]) return rows[0];
    }
    return null;
  }

  /** Moves the status forward only; the first time each stage was seen is kept either way. */
  private async advance(
    tx: EntityManager,
    message: MatchedMessage,
    reported: DeliveryStatus,
    at: Date,
    error: string | null,
  ): Promise<DeliveryStatus> {
    const next = advanceDelivery(message.delivery_status, reported);
    const column = deliveryTimestampColumn(reported); // from a fixed list, never from input
    const failed = isDeliveryFailure(next) && next === reported && next !== message.delivery_status;
    await tx.query(
      `UPDATE messages SET
         delivery_status = $2,
         delivery_updated_at = CASE WHEN delivery_status IS DISTINCT FROM $2 THEN $3 ELSE delivery_updated_at END,
         delivery_error = CASE WHEN $4 THEN $5 ELSE delivery_error END
         ${column ? `, ${column} = LEAST(${column}, $3)` : ''}
       WHERE id = $1`,
      [message.id, next, at, failed, error],
    );
    return next;
  }

  private async emit(
    message: MatchedMessage,
    event: ProviderDeliveryEvent,
    canonical: NonNullable<ProviderDeliveryEvent['canonical']>,
  ): Promise<void> {
    const [customer]: Array<{ external_id: string | null; email: string | null; phone: string | null }> =
      await this.db.query(`SELECT external_id, email, phone FROM customers WHERE id = $1`, [
        message.customer_id,
      ]);
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
