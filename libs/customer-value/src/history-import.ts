/**
 * Import mode (docs/architecture.md, "History imports"): historic events stored as facts, a batch
 * at a time, for the event API's `"mode": "import"` and the worker's store backfill alike.
 *
 * What ingestion does per event, and what import mode does instead:
 * - the customer is found or created by the same merge rule, for the whole batch at once;
 * - an order is marked with its consumables (`hasConsumable`) as ingestion marks it;
 * - loyalty points move per order as ingestion moves them (one statement per batch);
 * - the event is stored already routed: no journey starts, no run hears it, nothing is sent;
 * - the computed attributes, the lifecycle stage (without `lifecycle.stage_changed`), the
 *   customer's products and `replenish_at`, and the learned reorder intervals are not recomputed
 *   per order: `recomputeImportedCustomers` (history-recompute.ts) does it once, set-based, at the
 *   end of the import.
 * Checkouts are the caller's (the API projects them; bulk orders name none).
 */
import {
  applyStoreConsents,
  awardImportedOrderPoints,
  consumablePeriods,
  contentOf,
  eventIdsByKeys,
  insertImportedEvents,
  recordConsent,
  resolveImportCustomers,
  type AcceptedEvent,
  type CustomerProfileInput,
  type ImportProfile,
  type IncomingEvent,
  type Query,
} from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { loadLifecycleSettings } from './lifecycle-settings';

export interface ImportedBatch {
  /** One per event, in order: the stored event (or the earlier one with its key) and its customer. */
  accepted: Array<AcceptedEvent & { event: IncomingEvent }>;
  /** How many events were new. */
  stored: number;
  /** The customers the batch named. */
  customerIds: string[];
  /** Those it stored something new for: the ones whose computed values may have changed. */
  changedCustomerIds: string[];
}

/** Stores a batch of historic events inside the caller's transaction. */
export async function importEvents(query: Query, events: IncomingEvent[]): Promise<ImportedBatch> {
  if (events.length === 0) return { accepted: [], stored: 0, customerIds: [], changedCustomerIds: [] };
  const enriched = await markConsumables(query, events);
  const { profiles, profileOf } = foldProfiles(enriched);
  const customerIds = await resolveImportCustomers(query, profiles);
  const customerOf = (i: number) => customerIds[profileOf[i]];

  for (const [i, event] of enriched.entries())
    for (const channel of event.optIns ?? [])
      await recordConsent(query, customerOf(i), channel, 'opted_in', event.source);
  // The store's marketing consent, newest wins, as a live delivery applies it (one statement).
  await applyStoreConsents(
    query,
    enriched.flatMap((event, i) =>
      (event.consents ?? []).map((consent) => ({ ...consent, customerId: customerOf(i) })),
    ),
  );

  const inserted = await insertImportedEvents(
    query,
    enriched.map((e, i) => ({ ...e, customerId: customerOf(i) })),
  );
  const fresh = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  const settings = await loadLifecycleSettings(query);
  const newOrders = inserted.length > 0 ? orderEventIds(enriched, fresh) : [];
  await awardImportedOrderPoints(query, newOrders, settings.pointsPerCurrencyUnit);

  // The first occurrence of a key in the batch is the new one; a repeat (or a key stored before)
  // is a duplicate, answered with the stored event's id.
  const missing = enriched.map((e) => e.idempotencyKey).filter((k) => !fresh.has(k));
  const earlier = new Map((await eventIdsByKeys(query, missing)).map((r) => [r.idempotency_key, r]));
  const claimed = new Map<string, IncomingEvent>();
  const accepted = enriched.map((event, i) => {
    const id = fresh.get(event.idempotencyKey);
    const first = claimed.get(event.idempotencyKey);
    const duplicate = !id || first !== undefined;
    if (id && !first) claimed.set(event.idempotencyKey, event);
    const stored = earlier.get(event.idempotencyKey);
    return {
      eventId: (id ?? stored?.id) as string,
      customerId: customerOf(i),
      duplicate,
      event,
      // What the event API compares a repeat with (docs/api.md, "Idempotency").
      ...(duplicate && {
        original: first ? contentOf(first) : stored?.content,
      }),
    };
  });
  const changed = new Set(accepted.filter((a) => !a.duplicate).map((a) => a.customerId));
  return {
    accepted,
    stored: inserted.length,
    customerIds: [...new Set(customerIds)],
    changedCustomerIds: [...changed],
  };
}

function orderEventIds(events: IncomingEvent[], fresh: Map<string, string>): string[] {
  return events
    .filter((e) => e.type === EVENT.orderPlaced || e.type === EVENT.orderCancelled)
    .map((e) => fresh.get(e.idempotencyKey))
    .filter((id): id is string => id !== undefined);
}

/** `enrichOrder` for a batch: one read of the products its orders name. */
async function markConsumables(query: Query, events: IncomingEvent[]): Promise<IncomingEvent[]> {
  const placed = events.filter((e) => e.type === EVENT.orderPlaced);
  if (placed.length === 0) return events;
  const productIds = new Set<string>();
  for (const e of placed) for (const id of productIdsOf(e)) productIds.add(id);
  const periods = await consumablePeriods(query, [...productIds]);
  return events.map((e) => {
    if (e.type !== EVENT.orderPlaced) return e;
    const consumables = [...new Set(productIdsOf(e).filter((id) => periods.has(id)))];
    return {
      ...e,
      properties: {
        ...e.properties,
        hasConsumable: consumables.length > 0,
        consumableProductIds: consumables,
      },
    };
  });
}

function productIdsOf(event: IncomingEvent): string[] {
  const items = event.properties.lineItems;
  if (!Array.isArray(items)) return [];
  return items
    .map((i: Record<string, unknown>) =>
      i?.productId === null || i?.productId === undefined ? null : String(i.productId),
    )
    .filter((id): id is string => id !== null);
}

/**
 * One profile per customer the batch names, keyed as the merge rule finds them (external id,
 * else email, else phone), folded in order: a later non-empty value wins, attributes merge.
 * Emails are trimmed and lower-cased, phones trimmed, as ingestion keeps them.
 */
function foldProfiles(events: IncomingEvent[]): { profiles: ImportProfile[]; profileOf: number[] } {
  const profiles: ImportProfile[] = [];
  const byKey = new Map<string, number>();
  const profileOf = events.map((event) => {
    const p = normalise(event.customer);
    const key = p.externalId ? `x:${p.externalId}` : p.email ? `e:${p.email}` : `p:${p.phone}`;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, profiles.length);
      profiles.push(p);
      return profiles.length - 1;
    }
    const before = profiles[at];
    profiles[at] = {
      externalId: before.externalId,
      email: p.email ?? before.email,
      phone: p.phone ?? before.phone,
      firstName: p.firstName ?? before.firstName,
      lastName: p.lastName ?? before.lastName,
      timezone: p.timezone ?? before.timezone,
      locale: p.locale ?? before.locale,
      attributes: { ...before.attributes, ...p.attributes },
    };
    return at;
  });
  return { profiles, profileOf };
}

function normalise(profile: CustomerProfileInput): ImportProfile {
  const email = profile.email?.trim().toLowerCase() || null;
  const phone = profile.phone?.trim() || null;
  if (!profile.externalId && !email && !phone)
    throw new ImportedEventError('the event names no customer: give an external id, an email or a phone');
  return {
    externalId: profile.externalId ?? null,
    email,
    phone,
    firstName: profile.firstName ?? null,
    lastName: profile.lastName ?? null,
    timezone: profile.timezone ?? null,
    locale: profile.locale ?? null,
    attributes: profile.attributes ?? {},
  };
}

/** An imported event that cannot be stored (it names no customer). */
export class ImportedEventError extends Error {}
