/**
 * The dead-letter list: correctly signed webhook deliveries that can never be processed, kept
 * with the reason and the raw body for an admin to read (docs/architecture.md, "How a webhook
 * becomes an email"). The webhook answers 200 for them, so the provider stops retrying; a retry
 * that arrives anyway counts up the same row.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { WebhookProvider } from '@waypoint/contract';
import { Database, keepDeadLetter, listDeadLetters, type DeadLetterRow } from '@waypoint/data';
import { createHash } from 'node:crypto';

/** Longest delivery id kept as it came; a longer one (or none) is keyed by its hash. */
const MAX_DELIVERY_ID = 200;

export interface UnprocessableDelivery {
  provider: WebhookProvider;
  topic: string | null;
  /** The provider's id for the delivery; the body's hash when it sends none. */
  deliveryId: string | null | undefined;
  reason: string;
  rawBody: Buffer;
}

@Injectable()
export class WebhookDeadLetters {
  private readonly logger = new Logger(WebhookDeadLetters.name);

  constructor(private readonly db: Database) {}

  async keep(delivery: UnprocessableDelivery): Promise<DeadLetterRow> {
    const row = await keepDeadLetter(this.db.query, {
      provider: delivery.provider,
      topic: delivery.topic,
      deliveryId: deadLetterKey(delivery.deliveryId, delivery.rawBody),
      reason: delivery.reason,
      body: delivery.rawBody.toString('utf8'),
    });
    this.logger.warn(
      `kept a ${delivery.provider} delivery (${delivery.topic ?? 'no topic'}, ${row.deliveryId}) as a dead letter: ${delivery.reason}`,
    );
    return row;
  }

  list(limit: number, offset: number): Promise<DeadLetterRow[]> {
    return listDeadLetters(this.db.query, limit, offset);
  }
}

/** The delivery id as the provider sent it, else `sha256:` of it (too long) or of the body (none). */
export function deadLetterKey(deliveryId: string | null | undefined, rawBody: Buffer): string {
  const id = deliveryId?.trim();
  if (id && id.length <= MAX_DELIVERY_ID) return id;
  return `sha256:${createHash('sha256')
    .update(id || rawBody)
    .digest('hex')}`;
}
