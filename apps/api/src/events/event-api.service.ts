/**
 * The event API's rules beyond the schema: every event must name its customer (422 naming the
 * field), a phone must be a valid number in the store's country or carry its own code (422), an
 * event without an idempotency key is keyed by its content (and, without a timestamp, its receipt
 * window), a key reused with other content is refused (409 `idempotency_conflict`; per event in a
 * batch), and the answer says which events were new.
 */
import { Injectable } from '@nestjs/common';
import type {
  AcceptedEventAnswer,
  EventBatchAnswer,
  EventBatchItemAnswer,
  EventBatchMode,
  EventInput,
} from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
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
    const accepted = await this.ingestion.ingest(toIncoming(event, new Date()));
    // Nothing was stored for a repeat (its transaction rolled back): refusing it changes nothing.
    if (reusesKey(event, accepted)) throw idempotencyConflict(event, accepted);
    return answerOf(accepted);
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
    // Like a duplicate, a key reused with other content is reported per event: nothing was stored for it.
    const answers: EventBatchItemAnswer[] = accepted.map((a, i) =>
      reusesKey(events[i], a) ? { eventId: a.eventId, status: 'conflict' } : answerOf(a),
    );
    return {
      accepted: answers.filter((a) => a.status === 'accepted').length,
      duplicates: answers.filter((a) => a.status === 'duplicate').length,
      conflicts: answers.filter((a) => a.status === 'conflict').length,
      events: answers,
    };
  }
}

function answerOf(accepted: AcceptedEvent): AcceptedEventAnswer {
  return { eventId: accepted.eventId, status: accepted.duplicate ? 'duplicate' : 'accepted' };
}

/** Properties ingestion adds to an order (order-effects.ts `enrichOrder`): not the sender's content. */
const ENRICHED_PROPERTIES = new Set(['hasConsumable', 'consumableProductIds']);

/**
 * Whether a repeat's key was first used for other content (docs/api.md, "Idempotency"): another
 * type, other properties, another timestamp (when the event gives one) or another customer id
 * (when both name one). Read only on the duplicate path, from the look-up that found the original.
 */
export function reusesKey(event: EventInput, accepted: AcceptedEvent): boolean {
  const original = accepted.original;
  if (!accepted.duplicate || !original) return false;
  if (original.type !== event.type) return true;
  if (event.timestamp && new Date(event.timestamp).getTime() !== new Date(original.occurredAt).getTime())
    return true;
  if (event.customer.id && original.externalId !== null && original.externalId !== event.customer.id)
    return true;
  const sent = event.properties;
  const keys = new Set([...Object.keys(sent), ...Object.keys(original.properties)]);
  for (const key of keys) {
    if (!(key in sent) && ENRICHED_PROPERTIES.has(key)) continue;
    if (!isDeepStrictEqual(jsonValue(sent[key]), original.properties[key])) return true;
  }
  return false;
}

/** A value as it comes back from jsonb (what JSON cannot hold, e.g. undefined, is dropped). */
function jsonValue(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function idempotencyConflict(event: EventInput, accepted: AcceptedEvent): ApiError {
  const firstType = accepted.original?.type ?? event.type;
  return new ApiError(
    409,
    'idempotency_conflict',
    `idempotencyKey "${event.idempotencyKey}" was first used for a ${firstType} event with other ` +
      `content (${accepted.eventId}); nothing was stored: give this event a key of its own`,
    {
      field: 'idempotencyKey',
      idempotencyKey: event.idempotencyKey,
      firstEventType: firstType,
      firstEventId: accepted.eventId,
    },
  );
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

/**
 * How long a client's retries of an event without key and timestamp count as the same event: its
 * content key holds the receipt time truncated to this window (docs/api.md, "Idempotency").
 */
export const CONTENT_KEY_WINDOW_MS = 5 * 60_000;

export function toIncoming(event: EventInput, receivedAt: Date): IncomingEvent {
  // Without a key, the content itself is the key: the same event sent twice is stored once. An
  // event without a timestamp happened when it arrived: the same content in a later window is a
  // new event.
  const when = event.timestamp ?? `received:${Math.floor(receivedAt.getTime() / CONTENT_KEY_WINDOW_MS)}`;
  const key =
    event.idempotencyKey ??
    createHash('sha256')
      .update(JSON.stringify([event.type, event.customer, event.properties, when]))
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
