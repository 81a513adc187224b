/**
 * Import mode's statements (docs/architecture.md, "History imports"): a batch of historic events
 * stored with a few multi-row statements instead of one transaction per event. The merge rule is
 * ingestion's (customers.queries.ts: an external id is authoritative; email, then phone, match
 * a customer without an external id, or any customer when the profile has none), applied to the whole batch at once; events are stored
 * already routed, because historic facts start no journey and signal no run.
 */
import { randomUUID } from 'node:crypto';
import type { Query } from '../database';
import type { CustomerProfileValues } from '../customers/customer.queries';
import type { EventInsert } from './event.queries';

/** One profile per customer the batch names, folded in the batch's order (later values win). */
export type ImportProfile = CustomerProfileValues;

/**
 * The customer of each profile, found by the merge rule or created: one look-up by external id,
 * one by email then phone, one update of those whose profile changes, one insert of the new ones.
 * A customer without an external id that an external id claims is not matched again by a later
 * profile of the batch with another external id (it has one now, as one-by-one ingestion would
 * find it); a later profile without an external id still matches it.
 */
export async function resolveImportCustomers(query: Query, profiles: ImportProfile[]): Promise<string[]> {
  const ids: Array<string | null> = profiles.map(() => null);
  const external = profiles.map((p, i) => [p.externalId, i] as const).filter(([x]) => x !== null);
  if (external.length > 0) {
    const found = (await query(`SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])`, [
      external.map(([x]) => x),
    ])) as unknown as Array<{ id: string; external_id: string }>;
    const byExternal = new Map(found.map((r) => [r.external_id, r.id]));
    for (const [x, i] of external) ids[i] = byExternal.get(x as string) ?? null;
  }
  const open = profiles
    .map((_, i) => i)
    .filter((i) => ids[i] === null && (profiles[i].email || profiles[i].phone));
  if (open.length > 0) {
    const matches = (await query(
      `SELECT m.i, m.id, (m.phone IS NOT NULL AND EXISTS (
                SELECT 1 FROM customers o WHERE o.phone = m.phone AND o.id <> m.id)) AS phone_taken
         FROM (SELECT u.i::int AS i, u.phone, COALESCE(
              (SELECT c.id FROM customers c WHERE u.email IS NOT NULL AND lower(c.email) = u.email
                  AND (u.x IS NULL OR c.external_id IS NULL) ORDER BY c.created_at LIMIT 1),
              (SELECT c.id FROM customers c WHERE u.phone IS NOT NULL AND c.phone = u.phone
                  AND (u.x IS NULL OR c.external_id IS NULL) ORDER BY c.created_at LIMIT 1)) AS id
         FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS u(email, phone, i, x)) m`,
      [
        open.map((i) => profiles[i].email),
        open.map((i) => profiles[i].phone),
        open,
        open.map((i) => profiles[i].externalId),
      ],
    )) as unknown as Array<{ i: number; id: string | null; phone_taken: boolean }>;
    const claimed = new Set<string>();
    for (const m of matches.sort((a, b) => a.i - b.i)) {
      // A customer claimed by an external id earlier in the batch is not claimed by another one; a
      // profile without an external id still matches it, as one-by-one ingestion does.
      if (!m.id || (claimed.has(m.id) && profiles[m.i].externalId)) continue;
      ids[m.i] = m.id;
      if (profiles[m.i].externalId) claimed.add(m.id);
      // Found by email while another customer has the phone: the phone is not moved.
      if (m.phone_taken) profiles[m.i] = { ...profiles[m.i], phone: null };
    }
  }
  const existing = profiles.map((_, i) => i).filter((i) => ids[i] !== null);
  if (existing.length > 0)
    await mergeImportProfiles(
      query,
      existing.map((i) => [ids[i] as string, profiles[i]]),
    );
  const fresh = profiles.map((_, i) => i).filter((i) => ids[i] === null);
  if (fresh.length > 0) {
    for (const i of fresh) ids[i] = randomUUID();
    const inserted = await insertImportCustomers(
      query,
      fresh.map((i) => [ids[i] as string, profiles[i]]),
    );
    // A concurrent delivery created one of them meanwhile: the upsert merged into its row.
    for (const i of fresh) {
      const x = profiles[i].externalId;
      if (x && inserted.has(x)) ids[i] = inserted.get(x) as string;
    }
  }
  return ids as string[];
}

/**
 * A batch's rows as one JSON parameter read with `jsonb_to_recordset`: node-pg's encoding of a
 * text[] escapes every element (a quarter of the import's CPU with JSON properties), one
 * JSON.stringify does not.
 */
function profileRows(rows: Array<[string, ImportProfile]>): string {
  return JSON.stringify(
    rows.map(([id, p]) => ({
      id,
      external_id: p.externalId,
      email: p.email,
      phone: p.phone,
      first_name: p.firstName,
      last_name: p.lastName,
      timezone: p.timezone,
      locale: p.locale,
      attributes: p.attributes ?? {},
    })),
  );
}

const PROFILE_ROWS = `jsonb_to_recordset($1::jsonb)
  AS u(id uuid, external_id text, email text, phone text, first_name text, last_name text, timezone text, locale text, attributes jsonb)`;

/** `mergeCustomerProfile` for many customers; a row whose values would not change is not rewritten. */
async function mergeImportProfiles(query: Query, rows: Array<[string, ImportProfile]>): Promise<void> {
  await query(
    `UPDATE customers c SET
            external_id = COALESCE(c.external_id, u.external_id), email = COALESCE(u.email, c.email),
            phone = COALESCE(u.phone, c.phone), first_name = COALESCE(u.first_name, c.first_name),
            last_name = COALESCE(u.last_name, c.last_name), timezone = COALESCE(u.timezone, c.timezone),
            locale = COALESCE(u.locale, c.locale), attributes = c.attributes || u.attributes, updated_at = now()
       FROM ${PROFILE_ROWS}
      WHERE c.id = u.id
        AND ((c.external_id IS NULL AND u.external_id IS NOT NULL)
          OR COALESCE(u.email, c.email) IS DISTINCT FROM c.email OR COALESCE(u.phone, c.phone) IS DISTINCT FROM c.phone
          OR COALESCE(u.first_name, c.first_name) IS DISTINCT FROM c.first_name
          OR COALESCE(u.last_name, c.last_name) IS DISTINCT FROM c.last_name
          OR COALESCE(u.timezone, c.timezone) IS DISTINCT FROM c.timezone
          OR COALESCE(u.locale, c.locale) IS DISTINCT FROM c.locale
          OR NOT c.attributes @> u.attributes)`,
    [profileRows(rows)],
  );
}

/** New customers with the ids given; an external id taken meanwhile merges instead (its id is returned). */
async function insertImportCustomers(
  query: Query,
  rows: Array<[string, ImportProfile]>,
): Promise<Map<string, string>> {
  const inserted = (await query(
    `INSERT INTO customers (id, external_id, email, phone, first_name, last_name, timezone, locale, attributes)
       SELECT u.id, u.external_id, u.email, u.phone, u.first_name, u.last_name, u.timezone, u.locale, u.attributes
         FROM ${PROFILE_ROWS}
       ON CONFLICT (external_id) DO UPDATE SET
         email = COALESCE(EXCLUDED.email, customers.email), phone = COALESCE(EXCLUDED.phone, customers.phone),
         first_name = COALESCE(EXCLUDED.first_name, customers.first_name), last_name = COALESCE(EXCLUDED.last_name, customers.last_name),
         timezone = COALESCE(EXCLUDED.timezone, customers.timezone), locale = COALESCE(EXCLUDED.locale, customers.locale),
         attributes = customers.attributes || EXCLUDED.attributes, updated_at = now()
       RETURNING id, external_id`,
    [profileRows(rows)],
  )) as unknown as Array<{ id: string; external_id: string | null }>;
  return new Map(inserted.filter((r) => r.external_id !== null).map((r) => [r.external_id as string, r.id]));
}

/**
 * A batch's historic events in one statement, stored as routed: no routing outbox row, so routing
 * never sees them (no run starts, no run hears them). Returns the rows that were new; repeated
 * keys are skipped.
 */
export async function insertImportedEvents(
  query: Query,
  events: Array<EventInsert & { customerId: string }>,
): Promise<Array<{ id: string; idempotency_key: string }>> {
  if (events.length === 0) return [];
  return (await query(
    `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT u.k, u.t, u.c, u.s, u.p, u.o
         FROM jsonb_to_recordset($1::jsonb) AS u(k text, t text, c uuid, s text, p jsonb, o timestamptz)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key`,
    [
      JSON.stringify(
        events.map((e) => ({
          k: e.idempotencyKey,
          t: e.type,
          c: e.customerId,
          s: e.source,
          p: e.properties,
          o: e.occurredAt,
        })),
      ),
    ],
  )) as unknown as Array<{ id: string; idempotency_key: string }>;
}

/**
 * Loyalty points for the batch's new order events, as ingestion awards them one by one: an
 * order's first `order.placed` adds ⌊total × points per unit⌋, its first `order.cancelled`
 * takes them back (never below zero); a repeat of either moves nothing. One statement.
 */
export async function awardImportedOrderPoints(
  query: Query,
  newEventIds: string[],
  pointsPerCurrencyUnit: number,
): Promise<void> {
  if (newEventIds.length === 0 || pointsPerCurrencyUnit === 0) return;
  await query(
    `WITH fresh AS (
       SELECT e.id, e.customer_id, e.type, e.properties ->> 'orderId' AS order_id,
              CASE WHEN e.type = 'order.placed' THEN 1 ELSE -1 END
                * floor((e.properties ->> 'totalPrice')::numeric * $2) AS points,
              row_number() OVER (PARTITION BY e.customer_id, e.type, e.properties ->> 'orderId' ORDER BY e.id) AS nth
         FROM events e
        WHERE e.id = ANY($1::uuid[]) AND e.type IN ('order.placed', 'order.cancelled')
          AND e.properties ->> 'totalPrice' ~ '^-?[0-9]+(\\.[0-9]+)?$'
     ), firsts AS (
       SELECT f.* FROM fresh f
        WHERE f.order_id IS NULL
           OR (f.nth = 1
               -- NOT IN a subquery is hashed: one look-up per row, not a scan of the batch's ids.
               AND NOT EXISTS (SELECT 1 FROM events o WHERE o.customer_id = f.customer_id AND o.type = f.type
                                 AND o.properties ->> 'orderId' = f.order_id AND o.id NOT IN (SELECT id FROM fresh)))
     ), moved AS (
       SELECT customer_id, sum(points)::int AS points FROM firsts GROUP BY customer_id
     )
     UPDATE customers c SET loyalty_points = GREATEST(0, c.loyalty_points + m.points)
       FROM moved m WHERE c.id = m.customer_id AND m.points <> 0`,
    [newEventIds, pointsPerCurrencyUnit],
  );
}

/** Products with a known rhythm (configured or learned) among these, with their period in days. */
export async function consumablePeriods(query: Query, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await query(
    `SELECT product_id, COALESCE(consumption_days, learned_interval_days) AS days FROM products
      WHERE product_id = ANY($1::text[]) AND COALESCE(consumption_days, learned_interval_days) IS NOT NULL`,
    [productIds],
  );
  return new Map(rows.map((r) => [r.product_id as string, Number(r.days)]));
}
