/**
 * Stores an accepted event exactly once (by idempotency key) together with the customer it
 * concerns, in one transaction, before the caller answers. Routing happens afterwards.
 */
import { Injectable } from '@nestjs/common';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  applyStoreConsents,
  contentOf,
  customersByExternalIds,
  Database,
  eventByIdempotencyKey,
  eventIdsByKeys,
  insertCustomerProfile,
  insertEvent,
  insertEvents,
  knownExternalIds,
  lockCustomerIdentities,
  matchCustomerForProfile,
  mayRedeemCoupons,
  recordConsent,
  mergeCustomerProfile,
  upsertCustomersByExternalId,
  type Query,
} from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { projectCheckout, projectsCheckout } from '../checkouts/checkout-projection';
import { ApiError } from '../errors/api-error';
import { CoalescedEventInserts } from './coalesced-event-inserts';
import { EventRouter } from './event-router.service';
import { applyOrder, enrichOrder, redeemIssuedCoupons } from './order-effects';
import type { AcceptedEvent, CustomerProfileInput, IncomingEvent } from './incoming-event';
import { withStoredPhone } from './phone-input';

@Injectable()
export class EventIngestionService {
  constructor(
    private readonly db: Database,
    private readonly router: EventRouter,
    private readonly plainInserts: CoalescedEventInserts,
    private readonly profiles: StoreProfileReader,
  ) {}

  /** Every way a customer's phone enters passes here: stored as E.164 in the store's country. */
  private async normalised(events: IncomingEvent[]): Promise<IncomingEvent[]> {
    const { country } = await this.profiles.current();
    return events.map((event) => ({ ...event, customer: withStoredPhone(event.customer, country) }));
  }

  async ingest(received: IncomingEvent): Promise<AcceptedEvent> {
    const [incoming] = await this.normalised([received]);
    const plain = plainEvent(incoming) ? await this.insertForKnownCustomer(incoming) : null;
    if (plain) {
      this.router.routeSoon(plain.eventId);
      return plain;
    }
    let produced: string[] = [];
    const accepted = await this.db
      .transaction(async (query) => {
        // No look-up of the idempotency key first: the insert below finds a repeat (ON CONFLICT)
        // and the rollback undoes what this transaction wrote before it.
        const event = await enrichOrder(query, incoming);
        const customerId = await upsertCustomer(query, event.customer);
        if (event.consents?.length)
          await applyStoreConsents(
            query,
            event.consents.map((consent) => ({ ...consent, customerId })),
          );
        for (const channel of event.optIns ?? []) {
          await recordConsent(query, customerId, channel, 'opted_in', event.source);
        }
        const eventId = await insertEvent(query, event, customerId);
        // A repeat (or a concurrent delivery of the same event won the insert): undo our customer
        // write too.
        if (!eventId) throw new DuplicateDelivery();
        await projectCheckout(query, event, customerId, eventId);
        produced = [
          ...(await applyOrder(query, event, customerId)),
          ...(await redeemIssuedCoupons(query, event)),
        ];
        return { eventId, customerId, duplicate: false };
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof DuplicateDelivery)) throw error;
        const earlier = (await eventByIdempotencyKey(this.db.query, incoming.idempotencyKey))!;
        return {
          eventId: earlier.id,
          customerId: earlier.customer_id,
          duplicate: true,
          original: earlier.content,
        };
      });
    if (!accepted.duplicate) this.router.routeSoon(accepted.eventId);
    for (const id of produced) this.router.routeSoon(id);
    return accepted;
  }

  /**
   * An event that only names a customer by external id and changes nothing but the events table,
   * for a customer we know: one autocommitted statement (the insert resolves the customer and
   * skips a repeated key; concurrent requests' events share one, coalesced-event-inserts.ts),
   * durable when it returns. Null when the key was seen before or the customer is new: the
   * transaction in `ingest` then tells which and does the rest.
   */
  private async insertForKnownCustomer(event: IncomingEvent): Promise<AcceptedEvent | null> {
    const row = await this.plainInserts.insert(event, event.customer.externalId as string);
    return row ? { eventId: row.id, customerId: row.customer_id, duplicate: false } : null;
  }

  /**
   * Many events at once. Events for customers we already know by external id (and without side
   * effects on the customer, like orders, or on a checkout) are written with two multi-row statements in one
   * transaction; the rest go through `ingest` one by one so the merge rule and order effects apply.
   */
  async ingestBatch(received: IncomingEvent[]): Promise<AcceptedEvent[]> {
    const events = await this.normalised(received);
    const externalIds = [
      ...new Set(events.map((e) => e.customer.externalId).filter((id): id is string => Boolean(id))),
    ];
    const known = await knownExternalIds(this.db.query, externalIds);
    const bulk = (e: IncomingEvent) =>
      Boolean(e.customer.externalId) &&
      (known.has(e.customer.externalId as string) || (!e.customer.email && !e.customer.phone)) &&
      !SIDE_EFFECT_EVENTS.has(e.type) &&
      !mayRedeemCoupons(e) &&
      !projectsCheckout(e) &&
      !e.optIns?.length &&
      !e.consents?.length;
    const results = new Map<number, AcceptedEvent>();
    const fast = events.map((e, i) => [e, i] as const).filter(([e]) => bulk(e));
    if (fast.length > 0) {
      const accepted = await this.db.transaction((query) =>
        bulkInsert(
          query,
          fast.map(([e]) => e),
        ),
      );
      fast.forEach(([, i], j) => results.set(i, accepted[j]));
      for (const a of accepted) if (!a.duplicate) this.router.routeSoon(a.eventId);
    }
    for (let i = 0; i < events.length; i++) {
      if (!results.has(i)) results.set(i, await this.ingest(events[i]));
    }
    return events.map((_, i) => results.get(i) as AcceptedEvent);
  }

  /** The profile API's entry: the same merge rule inside the caller's transaction. */
  async upsertCustomerIn(query: Query, profile: CustomerProfileInput): Promise<string> {
    const { country } = await this.profiles.current();
    return upsertCustomer(query, withStoredPhone(profile, country));
  }
}

async function bulkInsert(query: Query, events: IncomingEvent[]): Promise<AcceptedEvent[]> {
  // One row per customer: ON CONFLICT DO UPDATE may not touch a row twice in one statement.
  const profiles = new Map<string, CustomerProfileInput>();
  for (const e of events) {
    const id = e.customer.externalId as string;
    const before = profiles.get(id) ?? {};
    profiles.set(id, {
      ...before,
      ...definedOnly(e.customer),
      attributes: { ...before.attributes, ...e.customer.attributes },
    });
  }
  // A customer named only by external id needs no write: their id is enough. Read inside the
  // transaction; one who is missing after all (deleted since) is upserted with the rest.
  const plainIds = [...profiles].filter(([, p]) => !hasProfileFields(p)).map(([id]) => id);
  const existing = await customersByExternalIds(query, plainIds);
  const found = new Set(existing.map((c) => c.external_id));
  const upserted = await upsertCustomersByExternalId(
    query,
    [...profiles.entries()]
      .filter(([id]) => !found.has(id))
      .map(([externalId, p]) => ({
        externalId,
        email: p.email ?? null,
        phone: p.phone ?? null,
        firstName: p.firstName ?? null,
        lastName: p.lastName ?? null,
        timezone: p.timezone ?? null,
        locale: p.locale ?? null,
        attributes: p.attributes ?? {},
      })),
  );
  const customerOf = new Map([...existing, ...upserted].map((c) => [c.external_id, c.id]));
  const inserted = await insertEvents(
    query,
    events.map((e) => ({ ...e, customerId: customerOf.get(e.customer.externalId as string) })),
  );
  const fresh = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  const missing = events.map((e) => e.idempotencyKey).filter((k) => !fresh.has(k));
  const earlier = new Map((await eventIdsByKeys(query, missing)).map((r) => [r.idempotency_key, r]));
  const claimed = new Map<string, IncomingEvent>();
  return events.map((e) => {
    const customerId = customerOf.get(e.customer.externalId as string) as string;
    const id = fresh.get(e.idempotencyKey);
    // The first occurrence of a key in the batch is the accepted one; any repeat is a duplicate.
    const first = claimed.get(e.idempotencyKey);
    if (id && !first) {
      claimed.set(e.idempotencyKey, e);
      return { eventId: id, customerId, duplicate: false };
    }
    const stored = earlier.get(e.idempotencyKey);
    return {
      eventId: (id ?? stored?.id) as string,
      customerId,
      duplicate: true,
      original: first ? contentOf(first) : stored?.content,
    };
  });
}

/** Finds the customer by external id, then email, then phone; creates one when none matches. */
async function upsertCustomer(query: Query, profile: CustomerProfileInput): Promise<string> {
  const email = profile.email?.trim().toLowerCase() || null;
  const phone = profile.phone?.trim() || null;
  if (!profile.externalId && !email && !phone) {
    throw ApiError.unprocessable(
      'no_identity',
      'The event names no customer: give an external id, an email or a phone',
    );
  }
  // Concurrent deliveries for the same new customer must not both create it: serialise on each
  // identity (sorted, so two transactions always take the locks in the same order).
  const identities = [
    profile.externalId && `x:${profile.externalId}`,
    email && `e:${email}`,
    phone && `p:${phone}`,
  ]
    .filter((k): k is string => Boolean(k))
    .sort();
  await lockCustomerIdentities(query, identities);
  const match = await matchCustomerForProfile(query, profile.externalId ?? null, email, phone);
  const values = {
    externalId: profile.externalId ?? null,
    email,
    // Found by email (or phone) while another customer has the phone: nothing is merged and the
    // phone stays where it is (docs/api.md, "Who an event is about").
    phone: match && !match.byExternalId && match.phoneTakenElsewhere ? null : phone,
    firstName: profile.firstName ?? null,
    lastName: profile.lastName ?? null,
    timezone: profile.timezone ?? null,
    locale: profile.locale ?? null,
    attributes: profile.attributes ?? {},
  };
  if (!match) return insertCustomerProfile(query, values);
  // Found by external id and nothing else given: the UPDATE would only rewrite the row.
  if (hasProfileFields(profile)) await mergeCustomerProfile(query, match.id, values);
  return match.id;
}

class DuplicateDelivery extends Error {}

/** Events that change the customer beyond their profile (see order-effects.ts). */
const SIDE_EFFECT_EVENTS = new Set<string>([EVENT.orderPlaced, EVENT.orderCancelled]);

/** Whether the event says anything about the customer beyond their external id. */
function hasProfileFields(profile: CustomerProfileInput): boolean {
  const { externalId: _id, attributes, ...fields } = profile;
  return (
    Object.values(fields).some((v) => v !== null && v !== undefined) ||
    Object.keys(attributes ?? {}).length > 0
  );
}

/** Stored by one insert alone: no order effects, coupon redemption, checkout, consent or profile change. */
function plainEvent(event: IncomingEvent): boolean {
  return (
    Boolean(event.customer.externalId) &&
    !hasProfileFields(event.customer) &&
    !SIDE_EFFECT_EVENTS.has(event.type) &&
    event.type !== EVENT.orderPlaced &&
    !mayRedeemCoupons(event) &&
    !projectsCheckout(event) &&
    !event.optIns?.length &&
    !event.consents?.length
  );
}

function definedOnly(profile: CustomerProfileInput): CustomerProfileInput {
  return Object.fromEntries(
    Object.entries(profile).filter(([, v]) => v !== null && v !== undefined),
  ) as CustomerProfileInput;
}
