/** The store connection aggregate: the one connected shop (sealed credentials, what it told us). */
import type { Query } from '../database';

/** A webhook subscription as last seen (the API's store connection status reads it back). */
export interface StoredStoreWebhook {
  topic: string;
  state: string;
  subscriptionId?: string | null;
  error?: string | null;
}

export interface StoreConnectionRow {
  shop: string;
  admin_token_sealed: string;
  webhook_secret_sealed: string | null;
  api_version: string;
  shop_name: string | null;
  currency: string | null;
  timezone: string | null;
  locale: string | null;
  webhooks: StoredStoreWebhook[];
  connected_by: string | null;
  connected_at: Date;
  checked_at: Date | null;
}

export async function findStoreConnection(query: Query): Promise<StoreConnectionRow | null> {
  const rows = await query(`SELECT * FROM store_connection WHERE id`, []);
  return (rows[0] as unknown as StoreConnectionRow | undefined) ?? null;
}

export interface StoreConnectionWrite {
  shop: string;
  adminTokenSealed: string;
  webhookSecretSealed: string | null;
  apiVersion: string;
  connectedBy: string | null;
}

/** Connects (or reconnects) the store; what it said about itself is kept until checked again. */
export async function saveStoreConnection(query: Query, write: StoreConnectionWrite): Promise<void> {
  await query(
    `INSERT INTO store_connection (id, shop, admin_token_sealed, webhook_secret_sealed, api_version, connected_by)
     VALUES (true, $1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET shop = EXCLUDED.shop, admin_token_sealed = EXCLUDED.admin_token_sealed,
       webhook_secret_sealed = COALESCE(EXCLUDED.webhook_secret_sealed, store_connection.webhook_secret_sealed),
       api_version = EXCLUDED.api_version, connected_by = EXCLUDED.connected_by, connected_at = now()`,
    [write.shop, write.adminTokenSealed, write.webhookSecretSealed, write.apiVersion, write.connectedBy],
  );
}

export async function recordStoreCheck(
  query: Query,
  check: {
    shopName: string;
    currency: string;
    timezone: string;
    locale: string | null;
    webhooks?: StoreConnectionRow['webhooks'];
  },
): Promise<void> {
  await query(
    `UPDATE store_connection SET shop_name = $1, currency = $2, timezone = $3, locale = $4,
       webhooks = COALESCE($5::jsonb, webhooks), checked_at = now() WHERE id`,
    [
      check.shopName,
      check.currency,
      check.timezone,
      check.locale,
      check.webhooks ? JSON.stringify(check.webhooks) : null,
    ],
  );
}

export async function deleteStoreConnection(query: Query): Promise<boolean> {
  // A DELETE answers [rows, rowCount] (database.ts), not its rows.
  const [, deleted] = (await query(`DELETE FROM store_connection WHERE id`, [])) as unknown as [
    unknown[],
    number,
  ];
  return deleted > 0;
}
