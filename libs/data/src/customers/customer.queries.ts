/**
 * The customers aggregate as ingestion and the profile API write it: the merge rule's look-ups
 * (external id, then email, then phone), the per-identity locks, the profile update and insert,
 * and the multi-row upsert of a batch. The SQL text of the ingestion paths is the measured one.
 */
import type { Query } from '../database';
import { prepared } from '../prepared-statements';
import { isUuid } from '../ids';

/** What a profile says about a customer; absent (null) fields never erase what is stored. */
export interface CustomerProfileValues {
  externalId: string | null;
  /** Lower-cased and trimmed by the caller. */
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  timezone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
}

/** The customer's id by the store's external id or our own id; null when neither matches. */
export async function findCustomerIdByRef(query: Query, ref: string): Promise<string | null> {
  const rows = await query(
    `SELECT id FROM customers WHERE external_id = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid) LIMIT 1`,
    [ref, isUuid(ref) ? ref : null],
  );
  return rows[0] ? String(rows[0].id) : null;
}

/** The external ids among `externalIds` that belong to a customer. */
export async function knownExternalIds(query: Query, externalIds: string[]): Promise<Set<string>> {
  const rows = (await query(`SELECT external_id FROM customers WHERE external_id = ANY($1::text[])`, [
    externalIds,
  ])) as unknown as Array<{ external_id: string }>;
  return new Set(rows.map((r) => r.external_id));
}

/** The customers with these external ids (inside the batch's transaction). */
export async function customersByExternalIds(
  query: Query,
  externalIds: string[],
): Promise<Array<{ id: string; external_id: string }>> {
  if (externalIds.length === 0) return [];
  return (await query(`SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])`, [
    externalIds,
  ])) as unknown as Array<{ id: string; external_id: string }>;
}

/**
 * Holds a transaction-scoped lock per identity (`x:<external id>`, `e:<email>`, `p:<phone>`), in
 * the order given (one statement): concurrent deliveries for the same new customer must not both
 * create it. Call it in a statement before the look-up, whose snapshot then sees what the previous
 * holder committed.
 */
export async function lockCustomerIdentities(query: Query, identities: string[]): Promise<void> {
  if (identities.length === 0) return;
  await query(
    prepared(
      'customers.lock_identities',
      `SELECT pg_advisory_xact_lock(hashtext('customer:' || k))
       FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`,
    ),
    [identities],
  );
}

/** The customer the merge rule found, and what decides whether a given phone may be stored on them. */
export interface ProfileMatch {
  id: string;
  /** Found by the profile's own external id (not by email or phone). */
  byExternalId: boolean;
  /** Another customer already has the phone the profile gives. */
  phoneTakenElsewhere: boolean;
}

/**
 * The merge rule: an external id is authoritative. Email (case-insensitive), then phone, match a
 * customer who has no external id, the same one, or any customer when the profile gives no
 * external id; a profile with another external id never matches, so two store accounts never
 * merge. The row found is locked until the transaction ends.
 */
export async function findCustomerForProfile(
  query: Query,
  externalId: string | null,
  email: string | null,
  phone: string | null,
): Promise<string | null> {
  return (await matchCustomerForProfile(query, externalId, email, phone))?.id ?? null;
}

/** `findCustomerForProfile` with how the customer was found (one statement). */
export async function matchCustomerForProfile(
  query: Query,
  externalId: string | null,
  email: string | null,
  phone: string | null,
): Promise<ProfileMatch | null> {
  // One statement: COALESCE reads the next look-up only when the one before found nobody, and
  // only the customer found is locked.
  const rows = (await query(
    prepared(
      'customers.find_for_profile',
      `SELECT c.id, (c.external_id IS NOT DISTINCT FROM $1::text AND $1::text IS NOT NULL) AS by_external_id,
              ($3::text IS NOT NULL AND EXISTS (SELECT 1 FROM customers o WHERE o.phone = $3::text AND o.id <> c.id))
                AS phone_taken
         FROM customers c WHERE c.id = COALESCE(
       (SELECT id FROM customers WHERE external_id = $1::text ORDER BY created_at LIMIT 1),
       (SELECT id FROM customers WHERE lower(email) = $2::text
           AND ($1::text IS NULL OR external_id IS NULL OR external_id = $1::text)
         ORDER BY created_at LIMIT 1),
       (SELECT id FROM customers WHERE phone = $3::text
           AND ($1::text IS NULL OR external_id IS NULL OR external_id = $1::text)
         ORDER BY created_at LIMIT 1))
     FOR UPDATE OF c`,
    ),
    [externalId, email, phone],
  )) as unknown as Array<{ id: string; by_external_id: boolean; phone_taken: boolean }>;
  const row = rows[0];
  return row ? { id: row.id, byExternalId: row.by_external_id, phoneTakenElsewhere: row.phone_taken } : null;
}

function profileParams(profile: CustomerProfileValues): unknown[] {
  return [
    profile.externalId,
    profile.email,
    profile.phone,
    profile.firstName,
    profile.lastName,
    profile.timezone,
    profile.locale,
    profile.attributes,
  ];
}

/** Newer non-empty values win; an absent field never erases what we know. */
export async function mergeCustomerProfile(
  query: Query,
  id: string,
  profile: CustomerProfileValues,
): Promise<void> {
  await query(
    prepared(
      'customers.merge_profile',
      `UPDATE customers SET
           external_id = COALESCE(external_id, $1), email = COALESCE($2, email), phone = COALESCE($3, phone),
           first_name = COALESCE($4, first_name), last_name = COALESCE($5, last_name),
           timezone = COALESCE($6, timezone), locale = COALESCE($7, locale),
           attributes = attributes || $8::jsonb, updated_at = now()
         WHERE id = $9`,
    ),
    [...profileParams(profile), id],
  );
}

export async function insertCustomerProfile(query: Query, profile: CustomerProfileValues): Promise<string> {
  const created = (await query(
    prepared(
      'customers.insert_profile',
      `INSERT INTO customers (external_id, email, phone, first_name, last_name, timezone, locale, attributes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    ),
    profileParams(profile),
  )) as unknown as Array<{ id: string }>;
  return created[0].id;
}

/**
 * A batch's customers in one statement, one row per external id (ON CONFLICT DO UPDATE may not
 * touch a row twice in one statement); the same rule as `mergeCustomerProfile`.
 */
export async function upsertCustomersByExternalId(
  query: Query,
  profiles: Array<Omit<CustomerProfileValues, 'externalId'> & { externalId: string }>,
): Promise<Array<{ id: string; external_id: string }>> {
  if (profiles.length === 0) return [];
  return (await query(
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
      profiles.map((p) => p.externalId),
      profiles.map((p) => p.email),
      profiles.map((p) => p.phone),
      profiles.map((p) => p.firstName),
      profiles.map((p) => p.lastName),
      profiles.map((p) => p.timezone),
      profiles.map((p) => p.locale),
      profiles.map((p) => JSON.stringify(p.attributes)),
    ],
  )) as unknown as Array<{ id: string; external_id: string }>;
}

/** How a customer can be reached and named again (to file a provider event under them). */
export interface CustomerContactRow {
  external_id: string | null;
  email: string | null;
  phone: string | null;
}

export async function customerContact(query: Query, customerId: string): Promise<CustomerContactRow | null> {
  const [customer] = (await query(`SELECT external_id, email, phone FROM customers WHERE id = $1`, [
    customerId,
  ])) as unknown as CustomerContactRow[];
  return customer ?? null;
}

/**
 * Who wrote from this number: the customer we last messaged at it on this channel, else the first
 * one with the number; their external id (null when they have none or nobody has the number).
 */
export async function senderExternalIdByPhone(
  query: Query,
  phone: string,
  channel: string,
): Promise<{ external_id: string | null } | null> {
  const [known] = (await query(
    `SELECT c.external_id FROM customers c
         LEFT JOIN LATERAL (
           SELECT max(m.created_at) AS at FROM messages m
            WHERE m.customer_id = c.id AND m.channel = $2 AND m.to_address = $1
         ) last ON true
        WHERE c.phone = $1
        ORDER BY last.at DESC NULLS LAST, c.created_at
        LIMIT 1`,
    [phone, channel],
  )) as unknown as Array<{ external_id: string | null }>;
  return known ?? null;
}

/** Every customer with this number, and the sender, locked in id order (consent is per number). */
export async function lockCustomersWithPhone(
  query: Query,
  phone: string,
  senderId: string,
): Promise<string[]> {
  const rows = (await query(`SELECT id FROM customers WHERE phone = $1 OR id = $2 ORDER BY id FOR UPDATE`, [
    phone,
    senderId,
  ])) as unknown as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
