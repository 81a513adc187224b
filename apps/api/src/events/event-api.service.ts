/**
 * The event API's rules beyond the schema: every event must name its customer (422 naming the
 * field), a phone must be a valid number in the store's country or carry its own code (422), an event without an idempotency key is keyed by its content (the same event sent twice
 * is stored once), and the answer says which events were new.
 */
import { Injectable } from '@nestjs/common';
import type { AcceptedEventAnswer, EventBatchAnswer, EventBatchMode, EventInput } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import { createHash } from 'node:crypto';
import { ApiError } from '../errors/api-error';
import { EventImportService } from './event-import.service';
import { EventIngestionService } from './event-ingestion.service';
import { refuseInvalidPhone } from './phone-input';
import type { AcceptedEvent, IncomingEvent } from './incoming-event';

@Injectable()
export class EventApiService {
  constructor(
    private readonly ingestion: EventIngestionService,
    private readonly profiles: StoreProfileReader,
    private readonly imports: EventImportService,
  ) {}

  async accept(event: EventInput): Promise<AcceptedEventAnswer> {
    if (!hasIdentity(event)) throw noIdentity('customer');
    refuseInvalidPhone(event.customer.phone, (await this.profiles.current()).country, 'customer.phone');
    return answerOf(await this.ingestion.ingest(toIncoming(event, new Date())));
  }

  /**
   * A batch is refused whole, naming the event, when one event names no customer or a bad phone.
   * In `import` mode the events are history: stored as facts, routed to no journey.
   */
  async acceptBatch(events: EventInput[], mode: EventBatchMode = 'live'): Promise<EventBatchAnswer> {
    const { country } = await this.profiles.current();
    events.forEach((event, i) => {
      if (!hasIdentity(event)) throw noIdentity(`events[${i}].customer`);
      refuseInvalidPhone(event.customer.phone, country, `events[${i}].customer.phone`);
    });
    const receivedAt = new Date();
    const incoming = events.map((e) => toIncoming(e, receivedAt));
    const accepted =
      mode === 'import'
        ? await this.imports.importBatch(incoming)
        : await this.ingestion.ingestBatch(incoming);
    return {
      accepted: accepted.filter((a) => !a.duplicate).length,
      duplicates: accepted.filter((a) => a.duplicate).length,
      events: accepted.map(answerOf),
    };
  }
}

function answerOf(accepted: AcceptedEvent): AcceptedEventAnswer {
  return { eventId: accepted.eventId, status: accepted.duplicate ? 'duplicate' : 'accepted' };
}

/** A customer must be named somehow; checked apart from the schema so the 422 can name the field. */
function hasIdentity(event: EventInput): boolean {
  return Boolean(event.customer.id || event.customer.email || event.customer.phone);
}

function noIdentity(field: string): ApiError {
  return ApiError.unprocessable(
    'no_identity',
    `${field} names no customer: give an id, an email or a phone`,
    { field },
  );
}

export function toIncoming(event: EventInput, receivedAt: Date): IncomingEvent {
  // Without a key, the content itself is the key: the same event sent twice is stored once.
  const key =
    event.idempotencyKey ??
    createHash('sha256')
      .update(JSON.stringify([event.type, event.customer, event.properties, event.timestamp ?? null]))
      .digest('hex');
  return {
    idempotencyKey: `api:${key}`,
    type: event.type,
    source: 'api',
    occurredAt: event.timestamp ? new Date(event.timestamp) : receivedAt,
    properties: event.properties,
    customer: {
      externalId: event.customer.id ?? null,
      email: event.customer.email ?? null,
      phone: event.customer.phone ?? null,
      firstName: event.customer.firstName ?? null,
      lastName: event.customer.lastName ?? null,
      timezone: event.customer.timezone ?? null,
      locale: event.customer.locale ?? null,
      attributes: event.customer.attributes,
    },
  };
}
