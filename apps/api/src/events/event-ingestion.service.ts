/**
 * Stores an accepted event exactly once (by idempotency key) together with the customer it
 * concerns, in one transaction, before the caller answers. Routing happens afterwards.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordConsent } from '@waypoint/data';
import { DataSource, type EntityManager } from 'typeorm';
import { projectCheckout, projectsCheckout } from '../checkouts/checkout-projection';
import { ApiError } from '../errors/api-error';
import { EventRouter } from './event-router.service';
import { applyOrder, enrichOrder } from './order-effects';
import type { AcceptedEvent, CustomerProfileInput, IncomingEvent } from './incoming-event';

@Injectable()
export class EventIngestionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly router: EventRouter,
  ) {}

  async ingest(incoming: IncomingEvent): Promise<AcceptedEvent> {
    const plain = plainEvent(incoming) ? await this.insertForKnownCustomer(incoming) : null;
    if (plain) {
      this.router.routeSoon(plain.eventId);
      return plain;
    }
    let produced: string[] = [];
    const accepted = await this.db
      .transaction(async (tx) => {
        const query = (sql: string, params: unknown[]) => tx.query(sql, params);
        // No look-up of the idempotency key first: the insert below finds a repeat (ON CONFLICT)
        // and the rollback undoes what this transaction wrote before it.
        const event = await enrichOrder(query, incoming);
        const customerId = await this.upsertCustomer(tx, event.customer);
        for (const channel of event.optIns ?? []) {
          await recordConsent(
            (sql, params) => tx.query(sql, params),
            customerId,
            channel,
            'opted_in',
            event.source,
          );
        }
        const inserted: Array<{ id: string }> = await tx.query(
          `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
          [event.idempotencyKey, event.type, customerId, event.source, event.properties, event.occurredAt],
        );
        // A repeat (or a concurrent delivery of the same event won the insert): undo our customer
        // write too.
        if (!inserted[0]) throw new DuplicateDelivery();
        await projectCheckout(query, event, customerId, inserted[0].id);
        produced = await applyOrder(query, event, customerId);
        return { eventId: inserted[0].id, customerId, duplicate: false };
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof DuplicateDelivery)) throw error;
        const rows: Array<{ id: string; customer_id: string }> = await this.db.query(
          `SELECT id, customer_id FROM events WHERE idempotency_key = $1`,
          [incoming.idempotencyKey],
        );
        return { eventId: rows[0].id, customerId: rows[0].customer_id, duplicate: true };
      });
    if (!accepted.duplicate) this.router.routeSoon(accepted.eventId);
    for (const id of produced) this.router.routeSoon(id);
    return accepted;
  }

  /**
   * An event that only names a customer by external id and changes nothing but the events table,
   * for a customer we know: one autocommitted statement (the insert resolves the customer and
   * skips a repeated key), durable when it returns. Null when the key was seen before or the
   * customer is new: the transaction in `ingest` then tells which and does the rest.
   */
  private async insertForKnownCustomer(event: IncomingEvent): Promise<AcceptedEvent | null> {
    const rows: Array<{ id: string; customer_id: string }> = await this.db.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT $1, $2, c.id, $4, $5, $6 FROM customers c WHERE c.external_id = $3
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, customer_id`,
      [
        event.idempotencyKey,
        event.type,
        event.customer.externalId,
        event.source,
        event.properties,
        event.occurredAt,
      ],
    );
    return rows[0] ? { eventId: rows[0].id, customerId: rows[0].customer_id, duplicate: false } : null;
  }

  /**
   * Many events at once. Events for customers we already know by external id (and without side
   * effects on the customer, like orders, or on a checkout) are written with two multi-row statements in one
   * transaction; the rest go through `ingest` one by one so the merge rule and order effects apply.
   */
  async ingestBatch(events: IncomingEvent[]): Promise<AcceptedEvent[]> {
    const externalIds = [
      ...new Set(events.map((e) => e.customer.externalId).filter((id): id is string => Boolean(id))),
    ];
    const known = new Set(
      (
        (await this.db.query(`SELECT external_id FROM customers WHERE external_id = ANY($1::text[])`, [
          externalIds,
        ])) as Array<{
          external_id: string;
        }>
      ).map((r) => r.external_id),
    );
    const bulk = (e: IncomingEvent) =>
      Boolean(e.customer.externalId) &&
      (known.has(e.customer.externalId as string) || (!e.customer.email && !e.customer.phone)) &&
      !SIDE_EFFECT_EVENTS.has(e.type) &&
      !projectsCheckout(e) &&
      !e.optIns?.length;
    const results = new Map<number, AcceptedEvent>();
    const fast = events.map((e, i) => [e, i] as const).filter(([e]) => bulk(e));
    if (fast.length > 0) {
      const accepted = await this.db.transaction((tx) =>
        this.bulkInsert(
          tx,
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

  private async bulkInsert(tx: EntityManager, events: IncomingEvent[]): Promise<AcceptedEvent[]> {
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
    const existing: Array<{ id: string; external_id: string }> = plainIds.length
      ? await tx.query(`SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])`, [
          plainIds,
        ])
      : [];
    const found = new Set(existing.map((c) => c.external_id));
    const ps = [...profiles.entries()].filter(([id]) => !found.has(id));
    const upserted: Array<{ id: string; external_id: string }> =
      ps.length === 0
        ? []
        : await tx.query(
            `INSERT INTO customers (external_id, email, phone, first_name, last_name, timezone, locale, attributes)
       SELECT u.external_id, lower(u.email), u.phone, u.first_name, u.last_name, u.timezone, u.locale, u.attributes::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS u(external_id, email, phone, first_name, last_name, timezone, locale, attributes)
       ON CONFLICT (external_id) DO UPDATE SET
         email = COALESCE(EXCLUDED.email, customers.email), phone = COALESCE(EXCLUDED.phone, customers.phone),
         first_name = COALESCE(EXCLUDED.first_name, customers.first_name), last_name = COALESCE(EXCLUDED.last_name, customers.last_name),
         timezone = COALESCE(EXCLUDED.timezone, customers.timezone), locale = COALESCE(EXCLUDED.locale, customers.locale),
         attributes = customers.attributes || EXCLUDED.attributes, updated_at = now()
       RETURNING id, external_id`,
            [
              ps.map(([id]) => id),
              ps.map(([, p]) => p.email ?? null),
              ps.map(([, p]) => p.phone ?? null),
              ps.map(([, p]) => p.firstName ?? null),
              ps.map(([, p]) => p.lastName ?? null),
              ps.map(([, p]) => p.timezone ?? null),
              ps.map(([, p]) => p.locale ?? null),
              ps.map(([, p]) => JSON.stringify(p.attributes ?? {})),
            ],
          );
    const customerOf = new Map([...existing, ...upserted].map((c) => [c.external_id, c.id]));
    const inserted: Array<{ id: string; idempotency_key: string }> = await tx.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT u.k, u.t, u.c, u.s, u.p::jsonb, u.o
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS u(k, t, c, s, p, o)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key`,
      [
        events.map((e) => e.idempotencyKey),
        events.map((e) => e.type),
        events.map((e) => customerOf.get(e.customer.externalId as string)),
        events.map((e) => e.source),
        events.map((e) => JSON.stringify(e.properties)),
        events.map((e) => e.occurredAt),
      ],
    );
    const fresh = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
    const missing = events.map((e) => e.idempotencyKey).filter((k) => !fresh.has(k));
    const earlier = new Map(
      (
        (missing.length
          ? await tx.query(`SELECT id, idempotency_key FROM events WHERE idempotency_key = ANY($1::text[])`, [
              missing,
            ])
          : []) as Array<{ id: string; idempotency_key: string }>
      ).map((r) => [r.idempotency_key, r.id]),
    );
    const claimed = new Set<string>();
    return events.map((e) => {
      const customerId = customerOf.get(e.customer.externalId as string) as string;
      const id = fresh.get(e.idempotencyKey);
      // The first occurrence of a key in the batch is the accepted one; any repeat is a duplicate.
      if (id && !claimed.has(e.idempotencyKey)) {
        claimed.add(e.idempotencyKey);
        return { eventId: id, customerId, duplicate: false };
      }
      return { eventId: (id ?? earlier.get(e.idempotencyKey)) as string, customerId, duplicate: true };
    });
  }

  /** The profile API's entry: the same merge rule inside the caller's transaction. */
  upsertCustomerIn(tx: EntityManager, profile: CustomerProfileInput): Promise<string> {
    return this.upsertCustomer(tx, profile);
  }

  /** Finds the customer by external id, then email, then phone; creates one when none matches. */
  private async upsertCustomer(tx: EntityManager, profile: CustomerProfileInput): Promise<string> {
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
    for (const key of identities)
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`customer:${key}`]);
    const id = await this.findCustomer(tx, profile.externalId ?? null, email, phone);
    const values = [
      profile.externalId ?? null,
      email,
      phone,
      profile.firstName ?? null,
      profile.lastName ?? null,
      profile.timezone ?? null,
      profile.locale ?? null,
      profile.attributes ?? {},
    ];
    if (id) {
      // Found by external id and nothing else given: the UPDATE would only rewrite the row.
      if (!hasProfileFields(profile)) return id;
      // Newer non-empty values win; an absent field never erases what we know.
      await tx.query(
        `UPDATE customers SET
           external_id = COALESCE(external_id, $1), email = COALESCE($2, email), phone = COALESCE($3, phone),
           first_name = COALESCE($4, first_name), last_name = COALESCE($5, last_name),
           timezone = COALESCE($6, timezone), locale = COALESCE($7, locale),
           attributes = attributes || $8::jsonb, updated_at = now()
         WHERE id = $9`,
        [...values, id],
      );
      return id;
    }
    const created: Array<{ id: string }> = await tx.query(
      `INSERT INTO customers (external_id, email, phone, first_name, last_name, timezone, locale, attributes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      values,
    );
    return created[0].id;
  }

  /**
   * The merge rule: an external id is authoritative. Email (case-insensitive), then phone, match
   * only a customer who has no external id yet or the same one, so two store accounts never merge.
   */
  private async findCustomer(
    tx: EntityManager,
    externalId: string | null,
    email: string | null,
    phone: string | null,
  ): Promise<string | null> {
    const lookups: Array<[string, string | null]> = [
      ['external_id = $1', externalId],
      ['lower(email) = $1 AND (external_id IS NULL OR external_id = $2)', email],
      ['phone = $1 AND (external_id IS NULL OR external_id = $2)', phone],
    ];
    for (const [where, value] of lookups) {
      if (value === null) continue;
      const params = where.includes('$2') ? [value, externalId] : [value];
      const rows: Array<{ id: string }> = await tx.query(
        `SELECT id FROM customers WHERE ${where} ORDER BY created_at LIMIT 1 FOR UPDATE`,
        params,
      );
      if (rows[0]) return rows[0].id;
    }
    return null;
  }
}

class DuplicateDelivery extends Error {}

/** Events that change the customer beyond their profile (see order-effects.ts). */
const SIDE_EFFECT_EVENTS = new Set(['order.placed', 'order.cancelled']);

/** Whether the event says anything about the customer beyond their external id. */
function hasProfileFields(profile: CustomerProfileInput): boolean {
  const { externalId: _id, attributes, ...fields } = profile;
  return (
    Object.values(fields).some((v) => v !== null && v !== undefined) ||
    Object.keys(attributes ?? {}).length > 0
  );
}

/** Stored by one insert alone: no order effects, checkout, consent or profile change. */
function plainEvent(event: IncomingEvent): boolean {
  return (
    Boolean(event.customer.externalId) &&
    !hasProfileFields(event.customer) &&
    !SIDE_EFFECT_EVENTS.has(event.type) &&
    event.type !== 'order.placed' &&
    !projectsCheckout(event) &&
    !event.optIns?.length
  );
}

function definedOnly(profile: CustomerProfileInput): CustomerProfileInput {
  return Object.fromEntries(
    Object.entries(profile).filter(([, v]) => v !== null && v !== undefined),
  ) as CustomerProfileInput;
}
