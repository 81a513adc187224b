/**
 * Stores an accepted event exactly once (by idempotency key) together with the customer it
 * concerns, in one transaction, before the caller answers. Routing happens afterwards.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordConsent } from '@waypoint/data';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { EventRouter } from './event-router.service';
import type { AcceptedEvent, CustomerProfileInput, IncomingEvent } from './incoming-event';

@Injectable()
export class EventIngestionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly router: EventRouter,
  ) {}

  async ingest(event: IncomingEvent): Promise<AcceptedEvent> {
    const accepted = await this.db
      .transaction(async (tx) => {
        const existing: Array<{ id: string; customer_id: string }> = await tx.query(
          `SELECT id, customer_id FROM events WHERE idempotency_key = $1`,
          [event.idempotencyKey],
        );
        if (existing[0])
          return { eventId: existing[0].id, customerId: existing[0].customer_id, duplicate: true };

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
        // A concurrent delivery of the same event won the insert: undo our customer write too.
        if (!inserted[0]) throw new DuplicateDelivery();
        return { eventId: inserted[0].id, customerId, duplicate: false };
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof DuplicateDelivery)) throw error;
        const rows: Array<{ id: string; customer_id: string }> = await this.db.query(
          `SELECT id, customer_id FROM events WHERE idempotency_key = $1`,
          [event.idempotencyKey],
        );
        return { eventId: rows[0].id, customerId: rows[0].customer_id, duplicate: true };
      });
    if (!accepted.duplicate) this.router.routeSoon(accepted.eventId);
    return accepted;
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
