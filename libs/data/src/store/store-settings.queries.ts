/**
 * The store's settings, one JSON value per key (`lifecycle`: the lifecycle windows, VIP and
 * loyalty thresholds). Parsing the value and its defaults is the reader's business
 * (libs/customer-value's lifecycle settings).
 */
import type { Query } from '../database';

/** The stored lifecycle settings as saved, or null when none were saved yet. */
export async function findLifecycleSettingsValue(query: Query): Promise<unknown> {
  const rows = await query(`SELECT value FROM store_settings WHERE key = 'lifecycle'`, []);
  return rows[0]?.value ?? null;
}

export async function saveLifecycleSettingsValue(query: Query, value: unknown): Promise<void> {
  await query(
    `INSERT INTO store_settings (key, value, updated_at) VALUES ('lifecycle', $1, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(value)],
  );
}

/** The stored store profile (time zone, currency, locale, country, sending defaults), or null. */
export async function findStoreProfileValue(query: Query): Promise<unknown> {
  const rows = await query(`SELECT value FROM store_settings WHERE key = 'store'`, []);
  return rows[0]?.value ?? null;
}

export async function saveStoreProfileValue(query: Query, value: unknown): Promise<void> {
  await query(
    `INSERT INTO store_settings (key, value, updated_at) VALUES ('store', $1, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(value)],
  );
}

/** Until the transaction ends, other changes of the store profile wait (read, merge, save as one). */
export async function lockStoreProfile(query: Query): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('store_settings:store'))`, []);
}
