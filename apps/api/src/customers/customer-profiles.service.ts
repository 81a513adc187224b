/**
 * Support's view of customers: search by email, phone or external id, and one customer's page
 * (profile, computed value, consent with its history, recent events, messages with delivery
 * status, and their runs).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '../journeys/journeys.service';
import { resolveCustomerId } from './customer-ref';

const SUMMARY_COLUMNS = `c.id, c.external_id AS "externalId", c.email, c.phone, c.first_name AS "firstName",
  c.last_name AS "lastName", c.lifecycle_stage AS "lifecycleStage", c.orders_count AS "ordersCount",
  c.total_spent::float AS "totalSpent", c.last_order_at AS "lastOrderAt", c.created_at AS "createdAt"`;

/** Phone numbers as support types them ("+1 415-555 0100") compared as stored (E.164). */
export function normalisePhone(text: string): string | null {
  const digits = text.replace(/[\s().-]/g, '');
  return /^\+?\d{7,15}$/.test(digits) ? (digits.startsWith('+') ? digits : `+${digits}`) : null;
}

@Injectable()
export class CustomerProfiles {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Exact id or external id, an email (or its beginning), or a phone number; at most `limit`. */
  async search(query: string, limit: number) {
    const q = query.trim();
    const phone = normalisePhone(q);
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM customers c
        WHERE c.external_id = $1
           OR ($2::uuid IS NOT NULL AND c.id = $2::uuid)
           OR lower(c.email) LIKE $3 ESCAPE '\\'
           OR ($4::text IS NOT NULL AND c.phone = $4)
        ORDER BY (lower(c.email) = lower($1)) DESC NULLS LAST, c.updated_at DESC
        LIMIT $5`,
      [q, isUuid(q) ? q : null, `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, phone, limit],
    );
  }

  async page(ref: string) {
    const id = await resolveCustomerId((sql, params) => this.db.query(sql, params), ref);
    const [[profile], consent, consentHistory, events, messages, runs] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.external_id AS "externalId", c.email, c.phone, c.first_name AS "firstName",
                c.last_name AS "lastName", c.timezone, c.locale, c.attributes, c.tags, c.created_at AS "createdAt",
                c.updated_at AS "updatedAt", c.lifecycle_stage AS "lifecycleStage", c.orders_count AS "ordersCount",
                c.total_spent::float AS "totalSpent", c.average_order_value::float AS "averageOrderValue",
                c.first_order_at AS "firstOrderAt", c.last_order_at AS "lastOrderAt",
                c.mean_days_between_orders::float AS "meanDaysBetweenOrders", c.discount_share::float AS "discountShare",
                c.loyalty_points AS "loyaltyPoints", c.loyalty_tier AS "loyaltyTier"
           FROM customers c WHERE c.id = $1`,
        [id],
      ),
      this.db.query(
        `SELECT channel, status, source, updated_at AS "updatedAt" FROM customer_consents WHERE customer_id = $1 ORDER BY channel`,
        [id],
      ),
      this.db.query(
        `SELECT channel, status, source, recorded_at AS "recordedAt" FROM consent_history
          WHERE customer_id = $1 ORDER BY recorded_at DESC LIMIT 100`,
        [id],
      ),
      this.db.query(
        `SELECT id, type, source, properties, occurred_at AS "occurredAt", received_at AS "receivedAt"
           FROM events WHERE customer_id = $1 ORDER BY occurred_at DESC LIMIT 50`,
        [id],
      ),
      this.db.query(
        `SELECT m.id, m.run_id AS "runId", j.name AS "journeyName", m.node_id AS "nodeId", m.channel, m.template,
                m.to_address AS "to", m.subject, m.status, m.provider, m.error, m.created_at AS "createdAt",
                m.sent_at AS "sentAt", m.delivery_status AS "deliveryStatus", m.delivered_at AS "deliveredAt",
                m.opened_at AS "openedAt", m.clicked_at AS "clickedAt", m.bounced_at AS "bouncedAt",
                m.delivery_error AS "deliveryError"
           FROM messages m JOIN runs r ON r.id = m.run_id JOIN journeys j ON j.id = r.journey_id
          WHERE m.customer_id = $1 ORDER BY m.created_at DESC LIMIT 50`,
        [id],
      ),
      this.db.query(
        `SELECT r.id, r.journey_id AS "journeyId", j.name AS "journeyName", r.journey_version AS "version",
                r.status, r.status_reason AS "statusReason", r.current_node_id AS "currentNodeId",
                r.started_at AS "startedAt", r.finished_at AS "finishedAt"
           FROM runs r JOIN journeys j ON j.id = r.journey_id WHERE r.customer_id = $1 ORDER BY r.started_at DESC LIMIT 200`,
        [id],
      ),
    ]);
    const cltv = {
      totalSpent: profile.totalSpent,
      ordersCount: profile.ordersCount,
      averageOrderValue: profile.averageOrderValue,
    };
    return { profile, value: cltv, consent, consentHistory, events, messages, runs };
  }
}
