/**
 * Which store the engine acts on, for the API and the worker alike: the one an admin connected on
 * the store settings page (its token sealed with APP_SECRET in `store_connection`), else the one
 * the environment names (SHOPIFY_SHOP + SHOPIFY_ADMIN_TOKEN), else none (sandbox: coupons stay
 * local, nothing is written back). One `ShopifyAdmin` is kept per credentials, so its throttle
 * bucket is shared by every caller in the process; the connection is read again at most every
 * few seconds, so a reconnect on the settings page reaches a running worker without a restart.
 */
import { findStoreConnection, type Query } from '@waypoint/data';
import { ShopifyAdmin, type ShopifyAdminOptions } from './shopify-admin';
import { unseal } from './secret-box';

export interface StoreSettingsFromEnvironment {
  APP_SECRET: string;
  SHOPIFY_SHOP?: string;
  SHOPIFY_ADMIN_TOKEN?: string;
  SHOPIFY_API_VERSION: string;
  SHOPIFY_API_URL?: string;
  SHOPIFY_WEBHOOK_SECRET?: string;
}

export interface StoreCredentials {
  shop: string;
  accessToken: string;
  apiVersion: string;
  apiUrl?: string;
  webhookSecret?: string;
  /** Where they came from: the settings page or the environment. */
  source: 'settings' | 'environment';
}

/** The connected store's credentials, or null when no store is connected. */
export async function storeCredentials(
  query: Query,
  env: StoreSettingsFromEnvironment,
): Promise<StoreCredentials | null> {
  const row = await findStoreConnection(query);
  if (row)
    return {
      shop: row.shop,
      accessToken: unseal(env.APP_SECRET, row.admin_token_sealed),
      apiVersion: row.api_version,
      apiUrl: env.SHOPIFY_API_URL,
      webhookSecret: row.webhook_secret_sealed
        ? unseal(env.APP_SECRET, row.webhook_secret_sealed)
        : env.SHOPIFY_WEBHOOK_SECRET,
      source: 'settings',
    };
  if (env.SHOPIFY_SHOP && env.SHOPIFY_ADMIN_TOKEN)
    return {
      shop: env.SHOPIFY_SHOP,
      accessToken: env.SHOPIFY_ADMIN_TOKEN,
      apiVersion: env.SHOPIFY_API_VERSION,
      apiUrl: env.SHOPIFY_API_URL,
      webhookSecret: env.SHOPIFY_WEBHOOK_SECRET,
      source: 'environment',
    };
  return null;
}

/** The process's handle on the connected store (or on none). */
export class ConnectedStore {
  private cached: { key: string; admin: ShopifyAdmin; credentials: StoreCredentials } | null = null;
  private readAt = 0;
  private reading: Promise<ShopifyAdmin | null> | null = null;

  constructor(
    private readonly query: Query,
    private readonly env: StoreSettingsFromEnvironment,
    private readonly options: ShopifyAdminOptions & { refreshMs?: number } = {},
  ) {}

  /** The store's Admin API client, or null when no store is connected. */
  async admin(): Promise<ShopifyAdmin | null> {
    if (Date.now() - this.readAt < (this.options.refreshMs ?? 5_000)) return this.cached?.admin ?? null;
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  /** The credentials in use (after `admin()`), e.g. the webhook secret. */
  async credentials(): Promise<StoreCredentials | null> {
    await this.admin();
    return this.cached?.credentials ?? null;
  }

  /** Forget what was read: the next call reads the connection again (after a connect or disconnect). */
  invalidate(): void {
    this.readAt = 0;
  }

  private async read(): Promise<ShopifyAdmin | null> {
    const credentials = await storeCredentials(this.query, this.env);
    this.readAt = Date.now();
    if (!credentials) {
      this.cached = null;
      return null;
    }
    const key = [credentials.shop, credentials.accessToken, credentials.apiVersion, credentials.apiUrl].join(
      '\n',
    );
    if (this.cached?.key !== key) {
      const { refreshMs: _refresh, ...options } = this.options;
      this.cached = { key, admin: new ShopifyAdmin(credentials, options), credentials };
    } else this.cached.credentials = credentials;
    return this.cached.admin;
  }
}
