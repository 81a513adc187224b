/**
 * A signed SendGrid Event Webhook delivery, after its signature was checked: each event recorded
 * once (SendGridEvents). A body that is not a JSON array of events, or events in it that can never
 * be recorded, are kept as a dead letter (keyed by the body's hash: SendGrid sends no delivery id)
 * and answered 200, so SendGrid does not retry them for a day.
 */
import { Injectable } from '@nestjs/common';
import type { SendGridDeliveryAnswer } from '@waypoint/contract';
import { SendGridEvents } from '../delivery/sendgrid-events.service';
import { WebhookDeadLetters } from './webhook-dead-letters.service';
import { readJsonPayload } from './webhook-payload';

const TOPIC = 'events';

@Injectable()
export class SendGridDeliveries {
  constructor(
    private readonly events: SendGridEvents,
    private readonly deadLetters: WebhookDeadLetters,
  ) {}

  async receive(rawBody: Buffer, receivedAt: Date): Promise<SendGridDeliveryAnswer> {
    const body = readJsonPayload(rawBody);
    if (!body.ok) return this.refuse(rawBody, body.reason);
    if (!Array.isArray(body.value)) return this.refuse(rawBody, 'The body must be a JSON array of events');
    const { summary, problems } = await this.events.receive(body.value, receivedAt);
    if (problems.length === 0) return summary;
    const reason = `${problems.length} event${problems.length === 1 ? '' : 's'} skipped: ${problems.join('; ')}`;
    await this.keep(rawBody, reason);
    return { ...summary, reason };
  }

  /** The whole delivery can never be processed: nothing recorded, all of it kept. */
  private async refuse(rawBody: Buffer, reason: string): Promise<SendGridDeliveryAnswer> {
    await this.keep(rawBody, reason);
    return { received: 0, recorded: 0, duplicate: 0, unmatched: 0, skipped: 0, reason };
  }

  private async keep(rawBody: Buffer, reason: string): Promise<void> {
    await this.deadLetters.keep({ provider: 'sendgrid', topic: TOPIC, deliveryId: null, reason, rawBody });
  }
}
