/**
 * The store connection (docs/product.md, "The store connection"): which Shopify store the engine
 * listens to and acts on, what the shop says about itself (name, currency, time zone, locale:
 * offered as the store's defaults) and the webhook subscriptions registered for it. Credentials
 * go in (`PUT`) and never come out: the status says only where they come from.
 */
import { z } from 'zod';
import { data, text } from './http';

/** Where the connection (or the webhook secret) comes from: the settings page, or the environment. */
export const STORE_CONNECTION_SOURCES = ['settings', 'environment'] as const;
export type StoreConnectionSource = (typeof STORE_CONNECTION_SOURCES)[number];

/**
 * A subscription's state as last seen: `registered` (the store delivers this topic to us),
 * `missing` (not found at the last check: connect again to register it), `failed` (the store
 * refused to create it; `error` says why).
 */
export const STORE_WEBHOOK_STATES = ['registered', 'missing', 'failed'] as const;
export type StoreWebhookState = (typeof STORE_WEBHOOK_STATES)[number];

// What an admin types: `name`, `name.myshopify.com` or the shop's URL.
const SHOP_DOMAIN = /^(https?:\/\/)?[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)*\/?$/;

export const connectStoreBody = z
  .strictObject({
    shop: text(255)
      .trim()
      .min(1)
      .regex(SHOP_DOMAIN, 'must be a shop domain such as your-store.myshopify.com')
      .describe('The shop: `your-store.myshopify.com` (or just `your-store`)'),
    adminToken: text(500)
      .trim()
      .min(1)
      .describe("A custom app's Admin API access token (`shpat_…`); stored sealed, never answered"),
    webhookSecret: text(500)
      .trim()
      .min(1)
      .optional()
      .describe(
        "The secret Shopify signs this app's webhooks with (the app's client secret); kept as it was when absent",
      ),
  })
  .meta({ title: 'ConnectStore' });
export type ConnectStore = z.infer<typeof connectStoreBody>;

export const storeWebhookSchema = z
  .object({
    topic: z.string().describe("Shopify's topic, e.g. `ORDERS_PAID`"),
    delivery: z.string().describe('The X-Shopify-Topic its deliveries carry, e.g. `orders/paid`'),
    state: z.enum(STORE_WEBHOOK_STATES),
    subscriptionId: z.string().nullable().describe("The subscription's id in the store"),
    error: z.string().nullable().describe("The store's reason, when `failed`"),
  })
  .meta({ id: 'StoreWebhook' });
export type StoreWebhook = z.infer<typeof storeWebhookSchema>;

export const storeConnectionSchema = z.object({
  connected: z.boolean(),
  source: z
    .enum(STORE_CONNECTION_SOURCES)
    .nullable()
    .describe(
      '`settings`: connected on the store settings page; `environment`: SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN',
    ),
  shop: z.string().nullable().describe('`name.myshopify.com`'),
  shopName: z.string().nullable(),
  currency: z.string().nullable().describe("The shop's currency (ISO 4217): offered as the store's default"),
  timezone: z.string().nullable().describe("The shop's IANA time zone: offered as the store's default"),
  locale: z
    .string()
    .nullable()
    .describe(
      "The shop's primary locale: offered as the store's default (null when the token may not read it)",
    ),
  apiVersion: z.string().describe('The Admin API version every request is pinned to'),
  webhookUrl: z.string().describe('Where the store delivers its webhooks'),
  webhookSecret: z
    .enum(STORE_CONNECTION_SOURCES)
    .nullable()
    .describe(
      'Where the secret deliveries are verified with comes from (never the secret); null: none, so deliveries are refused',
    ),
  webhooks: z.array(storeWebhookSchema).describe('One per topic the engine maps, as last seen'),
  connectedAt: z.string().nullable(),
  connectedBy: z.string().nullable(),
  checkedAt: z.string().nullable().describe('When the shop and its webhooks were last read'),
});
export type StoreConnection = z.infer<typeof storeConnectionSchema>;

export const storeConnectionResponse = data(storeConnectionSchema).meta({ title: 'StoreConnectionAnswer' });
