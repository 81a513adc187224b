/**
 * The store's profile (docs/product.md, "Store settings"): time zone, currency, default locale and
 * country, and the sending defaults every journey inherits (quiet hours per channel, frequency caps
 * across journeys). Kept in `store_settings` under `store`; a field never saved falls back to the
 * environment's default (STORE_TIMEZONE, STORE_CURRENCY, STORE_LOCALE, STORE_COUNTRY).
 *
 * The shape is checked here; whether a time zone, currency, locale or country is one that exists
 * is checked by the server (422 naming the field), since that needs the runtime's Intl data.
 */
import { CHANNELS, DEFAULT_QUIET_HOURS, timeWindowSchema } from '@waypoint/journey';
import { z } from 'zod';
import { data } from './http';

/** The locales the shipped templates are written in. A store may use others for its own templates. */
export const SHIPPED_LOCALES = ['tr', 'en'] as const;

export const frequencyCapSchema = z
  .object({
    channel: z.enum(CHANNELS),
    max: z.number().int().min(1).max(1000).describe('At most this many messages…'),
    per: z.string().min(2).max(20).describe('…per this period, a duration like "24h" or "7d"'),
  })
  .meta({ id: 'FrequencyCap' });
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;

export const storeProfileSchema = z
  .object({
    timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. "Europe/Istanbul"'),
    currency: z.string().length(3).describe('ISO 4217 code, e.g. "TRY"'),
    locale: z
      .string()
      .min(2)
      .max(35)
      .describe(
        'Default locale (BCP 47, e.g. "tr" or "en-US"): picks template variants for customers without one',
      ),
    country: z
      .string()
      .length(2)
      .describe('ISO 3166 alpha-2, e.g. "TR": how phone numbers without a country code are read'),
    quietHours: z
      .object({
        email: timeWindowSchema.nullable(),
        sms: timeWindowSchema.nullable(),
        whatsapp: timeWindowSchema.nullable(),
      })
      .describe("Per channel, in the customer's time zone; a journey's own quiet hours win. null: none"),
    frequencyCaps: z
      .array(frequencyCapSchema)
      .max(20)
      .describe("Caps across all journeys' marketing sends to one customer, on top of each journey's own"),
  })
  .meta({ title: 'StoreProfile' });
export type StoreProfile = z.infer<typeof storeProfileSchema>;

/** A change: only the fields given are replaced. */
export const storeProfilePatch = z
  .strictObject({
    timeZone: storeProfileSchema.shape.timeZone.optional(),
    currency: storeProfileSchema.shape.currency.optional(),
    locale: storeProfileSchema.shape.locale.optional(),
    country: storeProfileSchema.shape.country.optional(),
    quietHours: storeProfileSchema.shape.quietHours.optional(),
    frequencyCaps: storeProfileSchema.shape.frequencyCaps.optional(),
  })
  .meta({ title: 'StoreProfilePatch' });
export type StoreProfilePatch = z.infer<typeof storeProfilePatch>;

export const storeProfileResponse = data(storeProfileSchema).meta({ title: 'StoreProfileAnswer' });

/**
 * What a never-saved profile holds: the environment's values, the product's default quiet hours
 * (texts wait for the morning, email does not) and no store-wide caps.
 */
export function defaultStoreProfile(env: {
  STORE_TIMEZONE: string;
  STORE_CURRENCY: string;
  STORE_LOCALE: string;
  STORE_COUNTRY: string;
}): StoreProfile {
  return {
    timeZone: env.STORE_TIMEZONE,
    currency: env.STORE_CURRENCY,
    locale: env.STORE_LOCALE,
    country: env.STORE_COUNTRY,
    quietHours: { email: null, sms: DEFAULT_QUIET_HOURS.sms, whatsapp: DEFAULT_QUIET_HOURS.whatsapp },
    frequencyCaps: [],
  };
}

/**
 * The stored value over the defaults, field by field. A stored value that no longer parses (e.g.
 * written by an older version) falls back to the default for that field rather than failing a send.
 */
export function readStoreProfile(stored: unknown, defaults: StoreProfile): StoreProfile {
  const value = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const profile = { ...defaults };
  for (const key of Object.keys(storeProfileSchema.shape) as Array<keyof StoreProfile>) {
    const field = storeProfileSchema.shape[key].safeParse(value[key]);
    if (field.success) (profile as Record<string, unknown>)[key] = field.data;
  }
  return profile;
}
