/**
 * Every environment variable the API and the worker read, validated once at boot. A missing
 * or malformed variable stops the process with a message naming it.
 */
import { createPublicKey } from 'node:crypto';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const environmentSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('journeys'),
  /**
   * Connecting to Temporal Cloud or a secured cluster (docs/deployment.md): TLS on, an API key, or a
   * client certificate and key (mTLS, PEM files). Unset: plain gRPC, as the dev server speaks.
   */
  TEMPORAL_TLS: optionalText.transform((v) => v === 'true' || v === '1'),
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_TLS_CERT_PATH: optionalText,
  TEMPORAL_TLS_KEY_PATH: optionalText,
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** Where support staff open a run's workflow (the dev server's UI by default). */
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Links in journey messages go through `/c/{token}` (a click becomes `message.clicked`); `false` sends them as written. */
  TRACK_LINKS: z
    .string()
    .optional()
    .transform((v) => !(v === 'false' || v === '0')),
  /** Signs unsubscribe links; long and random. The start command creates one under the data folder when unset. */
  APP_SECRET: z.string().min(32, 'must be at least 32 characters'),
  SHOPIFY_WEBHOOK_SECRET: optionalText,
  /**
   * The store to act on (docs/product.md, The store connection): `name.myshopify.com` and a custom
   * app's Admin API token. A store connected on the settings page takes their place.
   */
  SHOPIFY_SHOP: optionalText,
  SHOPIFY_ADMIN_TOKEN: optionalText,
  /** The dated Admin GraphQL API version every request is pinned to. */
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-(01|04|07|10)$/, 'must be a dated Admin API version such as 2026-04')
    .refine((v) => v >= '2025-10', 'must be 2025-10 or newer (the oldest version the queries fit)')
    .default('2026-04'),
  /** Admin API base URL override (a local server speaking Shopify's Admin API in tests). */
  SHOPIFY_API_URL: optionalText,
  /**
   * How often the worker looks for consent changes to write back to the store (ms); a full batch
   * is followed at once by the next.
   */
  CONSENT_WRITEBACK_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  SENDGRID_API_KEY: optionalText,
  SENDGRID_API_URL: z.string().url().default('https://api.sendgrid.com'),
  /**
   * Verifies SendGrid's signed Event Webhook: the ECDSA public key as SendGrid shows it (base64 DER,
   * or PEM). Without it, event deliveries are refused.
   */
  SENDGRID_WEBHOOK_PUBLIC_KEY: optionalText.refine(
    (v) => v === undefined || isEcPublicKey(v),
    'must be the base64 (DER) or PEM ECDSA public key SendGrid shows for the signed Event Webhook',
  ),
  EMAIL_FROM: z.string().default('Waypoint Store <hello@example.com>'),
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  /** Twilio base URL override (a local server speaking Twilio's API in tests). */
  TWILIO_API_URL: optionalText,
  TWILIO_SMS_FROM: optionalText,
  TWILIO_WHATSAPP_FROM: optionalText,
  /** Signs the bodies of journey webhook nodes (X-Waypoint-Signature); webhook nodes fail without it. */
  WEBHOOK_SIGNING_SECRET: optionalText,
  /** The time zone for customers who have none (quiet hours, wait-until). */
  STORE_TIMEZONE: z.string().default('UTC'),
  /**
   * The store's country (ISO 3166 alpha-2): a phone number given without a country code is read in
   * its numbering plan (`0532 123 45 67` in TR is +905321234567).
   */
  STORE_COUNTRY: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (v) => /^[A-Z]{2}$/.test(v) && isSupportedCountry(v),
      'must be an ISO 3166 alpha-2 country code with a phone numbering plan, e.g. TR or US',
    )
    .default('TR'),
  /** The store's currency (ISO 4217) until one is saved in the store settings: `{{money x}}` formats in it. */
  STORE_CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (v) => /^[A-Z]{3}$/.test(v) && Intl.supportedValuesOf('currency').includes(v),
      'must be an ISO 4217 currency code, e.g. TRY or USD',
    )
    .default('USD'),
  /** The store's default locale (BCP 47) until one is saved in the store settings: picks template variants. */
  STORE_LOCALE: z
    .string()
    .trim()
    .refine((v) => {
      try {
        return Intl.getCanonicalLocales(v).length === 1;
      } catch {
        return false;
      }
    }, 'must be a BCP 47 locale, e.g. tr or en-US')
    .default('en'),
  STORE_NAME: z.string().default('Waypoint Store'),
  STORE_URL: z.string().url().default('https://store.example.com'),
  /** Where a happy customer writes a review (`{{store.reviewUrl}}`); the store's URL when unset. */
  STORE_REVIEW_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
  TEMPLATES_DIR: optionalText,
  /**
   * The first admin, created at boot when nobody can sign in yet. Without these the API creates
   * `admin@localhost` with a random password and prints it once.
   */
  WAYPOINT_ADMIN_EMAIL: optionalText.refine(
    (v) => v === undefined || /^[^\s@]+@[^\s@]+$/.test(v),
    'must be an email address',
  ),
  WAYPOINT_ADMIN_PASSWORD: optionalText.refine(
    (v) => v === undefined || v.length >= 12,
    'must be at least 12 characters',
  ),
  /**
   * Behind a reverse proxy: which hops to believe X-Forwarded-For from (Express "trust proxy":
   * `true`, a hop count, or addresses such as `loopback`), so the sign-in limit counts each
   * person's address rather than the proxy's. Unset: the socket's address.
   */
  TRUST_PROXY: optionalText.transform((v) =>
    v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v,
  ),
  /** How long a sign-in lasts (hours) before the person must sign in again. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  /** How long an accepted event may stay unrouted before the sweep routes it (ms). */
  ROUTING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /**
   * How often the worker advances the journey results rollup (ms); 0 leaves it off (reads then
   * count everything after the last watermark live). docs/architecture.md, "Journey results".
   */
  RESULTS_ROLLUP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || v >= 1_000, 'must be 0 (off) or at least 1000')
    .default(60_000),
  /**
   * How many runs the worker keeps in memory between their workflow tasks (Temporal's sticky
   * cache). A run beyond it is evicted and replayed from its history when it next wakes, so this
   * bounds the worker's memory however many runs wait; the SDK's own default grows with the heap
   * limit (2,310 at a 4 GiB heap, ~2.9 GB resident).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1_000),
  /**
   * Store history import (the worker): objects (customers or orders) stored per transaction, and
   * the pause between two polls of a running bulk operation.
   */
  STORE_IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(2_000),
  STORE_IMPORT_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(2_000),
  /**
   * Sends per second per channel (the worker): each channel's sends share one Temporal task
   * queue and Temporal dispatches no more than this from it, for all workers together
   * (docs/architecture.md, "Pacing and priority"). Every worker replica must be given the same
   * values. SMS: one Twilio long code takes 1 message/s; WhatsApp: Twilio's default for a sender
   * is 80/s; email: SendGrid publishes no per-second limit for mail/send, so 500/s is a ceiling
   * above the largest volume of the capacity model (docs/deployment.md), not a provider figure.
   */
  SEND_RATE_EMAIL_PER_SECOND: z.coerce.number().positive().max(10_000).default(500),
  SEND_RATE_SMS_PER_SECOND: z.coerce.number().positive().max(10_000).default(1),
  SEND_RATE_WHATSAPP_PER_SECOND: z.coerce.number().positive().max(10_000).default(80),
  /**
   * The catalogue's triggers (the API): how many days back a `product.viewed` or a cart naming a
   * product makes a customer one who wants it, for `product.back_in_stock` and `product.price_dropped`.
   */
  PRODUCT_INTEREST_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Whether `text` parses as an EC public key (base64 DER SubjectPublicKeyInfo, or PEM). */
function isEcPublicKey(text: string): boolean {
  try {
    const key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec';
  } catch {
    return false;
  }
}

export class ConfigurationError extends Error {}

export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const result = environmentSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const missing = source[name] === undefined;
      return `  ${name}: ${missing ? 'is not set' : issue.message}`;
    });
    throw new ConfigurationError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The injection token under which Nest apps provide the validated Environment. */
export const ENVIRONMENT = 'waypoint.environment';
