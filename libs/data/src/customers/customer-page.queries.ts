/**
 * Reading customers for people: support's search, one customer's page (profile, consent with its
 * history, recent events, messages with their delivery status, runs) and the profile the profile
 * API answers with. Rows are named as the API answers them (camelCase, dates as Date).
 */
import { consentWritebacksOf, type ConsentWritebackRow } from '../consent/consent-writeback.queries';
import type { Query } from '../database';
import { isUuid } from '../ids';

export const CUSTOMER_SUMMARY_COLUMNS = `c.id, c.external_id AS "externalId", c.email, c.phone, c.first_name AS "firstName",
  c.last_name AS "lastName", c.lifecycle_stage AS "lifecycleStage", c.orders_count AS "ordersCount",
  c.total_spent::float AS "totalSpent", c.last_order_at AS "lastOrderAt", c.created_at AS "createdAt", c.test`;

export interface CustomerSummaryRow {
  id: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: string;
  ordersCount: number;
  totalSpent: number;
  lastOrderAt: Date | null;
  createdAt: Date;
  /** A test profile (docs/product.md, "Test runs"). */
  test: boolean;
}

/**
 * Exact id or external id, an email (or its beginning), or a phone number (`phone`, already
 * normalised to E.164, or null); at most `limit`, the exact email first, then the latest updated.
 */
export async function searchCustomers(
  query: Query,
  q: string,
  phone: string | null,
  limit: number,
): Promise<CustomerSummaryRow[]> {
  return (await query(
    `SELECT ${CUSTOMER_SUMMARY_COLUMNS} FROM customers c
        WHERE c.external_id = $1
           OR ($2::uuid IS NOT NULL AND c.id = $2::uuid)
           OR lower(c.email) LIKE $3 ESCAPE '\\'
           OR ($4::text IS NOT NULL AND c.phone = $4)
        ORDER BY (lower(c.email) = lower($1)) DESC NULLS LAST, c.updated_at DESC
        LIMIT $5`,
    [q, isUuid(q) ? q : null, `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, phone, limit],
  )) as unknown as CustomerSummaryRow[];
}

export interface CustomerProfileRow extends CustomerSummaryRow {
  timezone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  updatedAt: Date;
  averageOrderValue: number | null;
  firstOrderAt: Date | null;
  meanDaysBetweenOrders: number | null;
  discountShare: number | null;
  loyaltyPoints: number;
  loyaltyTier: string | null;
}

export interface CustomerConsentRow {
  channel: string;
  status: string;
  source: string;
  updatedAt: Date;
  optInLevel: string | null;
}

export interface CustomerConsentChangeRow {
  channel: string;
  status: string;
  source: string;
  recordedAt: Date;
}

export interface CustomerEventRow {
  id: string;
  type: string;
  source: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  receivedAt: Date;
}

export interface CustomerMessageRow {
  id: string;
  runId: string;
  journeyName: string;
  nodeId: string;
  channel: string;
  template: string;
  to: string;
  subject: string | null;
  status: string;
  provider: string;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveryStatus: string | null;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  bouncedAt: Date | null;
  deliveryError: string | null;
  test: boolean;
}

export interface CustomerRunRow {
  id: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: string;
  statusReason: string | null;
  currentNodeId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  test: boolean;
}

export interface CustomerPageRows {
  profile: CustomerProfileRow | undefined;
  consent: CustomerConsentRow[];
  consentHistory: CustomerConsentChangeRow[];
  events: CustomerEventRow[];
  messages: CustomerMessageRow[];
  runs: CustomerRunRow[];
  consentWritebacks: ConsentWritebackRow[];
}

/** Everything support's page shows about one customer, read side by side. */
export async function customerPageRows(query: Query, id: string): Promise<CustomerPageRows> {
  const [[profile], consent, consentHistory, events, messages, runs, consentWritebacks] = await Promise.all([
    query(
      `SELECT c.id, c.external_id AS "externalId", c.email, c.phone, c.first_name AS "firstName",
                c.last_name AS "lastName", c.timezone, c.locale, c.attributes, c.tags, c.created_at AS "createdAt",
                c.updated_at AS "updatedAt", c.lifecycle_stage AS "lifecycleStage", c.orders_count AS "ordersCount",
                c.total_spent::float AS "totalSpent", c.average_order_value::float AS "averageOrderValue",
                c.first_order_at AS "firstOrderAt", c.last_order_at AS "lastOrderAt",
                c.mean_days_between_orders::float AS "meanDaysBetweenOrders", c.discount_share::float AS "discountShare",
                c.loyalty_points AS "loyaltyPoints", c.loyalty_tier AS "loyaltyTier", c.test
           FROM customers c WHERE c.id = $1`,
      [id],
    ),
    query(
      `SELECT channel, status, source, updated_at AS "updatedAt", opt_in_level AS "optInLevel"
         FROM customer_consents WHERE customer_id = $1 ORDER BY channel`,
      [id],
    ),
    query(
      `SELECT channel, status, source, recorded_at AS "recordedAt" FROM consent_history
          WHERE customer_id = $1 ORDER BY recorded_at DESC LIMIT 100`,
      [id],
    ),
    query(
      `SELECT id, type, source, properties, occurred_at AS "occurredAt", received_at AS "receivedAt"
           FROM events WHERE customer_id = $1 ORDER BY occurred_at DESC LIMIT 50`,
      [id],
    ),
    query(
      `SELECT m.id, m.run_id AS "runId", j.name AS "journeyName", m.node_id AS "nodeId", m.channel, m.template,
                m.to_address AS "to", m.subject, m.status, m.provider, m.error, m.created_at AS "createdAt",
                m.sent_at AS "sentAt", m.delivery_status AS "deliveryStatus", m.delivered_at AS "deliveredAt",
                m.opened_at AS "openedAt", m.clicked_at AS "clickedAt", m.bounced_at AS "bouncedAt",
                m.delivery_error AS "deliveryError", m.test
           FROM messages m JOIN runs r ON r.id = m.run_id JOIN journeys j ON j.id = r.journey_id
          WHERE m.customer_id = $1 ORDER BY m.created_at DESC LIMIT 50`,
      [id],
    ),
    query(
      `SELECT r.id, r.journey_id AS "journeyId", j.name AS "journeyName", r.journey_version AS "version",
                r.status, r.status_reason AS "statusReason", r.current_node_id AS "currentNodeId",
                r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.test
           FROM runs r JOIN journeys j ON j.id = r.journey_id WHERE r.customer_id = $1 ORDER BY r.started_at DESC LIMIT 200`,
      [id],
    ),
    consentWritebacksOf(query, id),
  ]);
  return {
    profile: profile as unknown as CustomerProfileRow | undefined,
    consent: consent as unknown as CustomerConsentRow[],
    consentHistory: consentHistory as unknown as CustomerConsentChangeRow[],
    events: events as unknown as CustomerEventRow[],
    messages: messages as unknown as CustomerMessageRow[],
    runs: runs as unknown as CustomerRunRow[],
    consentWritebacks,
  };
}

/** The profile the profile API answers with: identity, attributes, computed value and consent. */
export interface StoredProfileRow {
  id: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  timezone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  loyaltyPoints: number;
  loyaltyTier: string | null;
  ordersCount: number;
  totalSpent: number;
  averageOrderValue: number | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  meanDaysBetweenOrders: number | null;
  discountShare: number | null;
  lifecycleStage: string;
  /** Channel → status, null when no consent was ever recorded. */
  consent: Record<string, string> | null;
}

export async function storedProfile(query: Query, id: string): Promise<StoredProfileRow> {
  const [customer] = await query(
    `SELECT id, external_id AS "externalId", email, phone, first_name AS "firstName", last_name AS "lastName", timezone, locale,
              attributes, tags, loyalty_points AS "loyaltyPoints", loyalty_tier AS "loyaltyTier", orders_count AS "ordersCount",
              total_spent::float AS "totalSpent", average_order_value::float AS "averageOrderValue", first_order_at AS "firstOrderAt",
              last_order_at AS "lastOrderAt", mean_days_between_orders::float AS "meanDaysBetweenOrders",
              discount_share::float AS "discountShare", lifecycle_stage AS "lifecycleStage",
              (SELECT jsonb_object_agg(channel, status) FROM customer_consents WHERE customer_id = c.id) AS consent
         FROM customers c WHERE id = $1`,
    [id],
  );
  return customer as unknown as StoredProfileRow;
}
