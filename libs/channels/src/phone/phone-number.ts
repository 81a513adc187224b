/**
 * Phone numbers as they enter (Shopify, the event and profile APIs, Twilio's `From`, support's
 * search box) become E.164, read in the store's country when they carry no country code: a
 * Turkish store's `0532 123 45 67` is `+905321234567`. A number that is not a valid number is
 * kept as given and flagged; the SMS and WhatsApp steps never send to it.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type NormalisedPhone = { e164: string } | { invalid: string };

/** Whether `country` is an ISO 3166 alpha-2 code whose numbering plan we know. */
export function isPhoneCountry(country: string): boolean {
  return isSupportedCountry(country);
}

export function normalisePhone(raw: string, defaultCountry: string): NormalisedPhone {
  const text = raw.trim();
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  // The country's own international prefix (00 in TR, 011 in the US) is understood too.
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
  if (!parsed) return { invalid: text };
  // Read in the store's country, a number must be a valid one there: guessing its country is only
  // safe then. With its own country code it needs the right length for that country (the numbering
  // metadata lags new ranges, and Twilio's and test numbers such as +1 555 … are not "valid").
  const given = text.startsWith('+') ? parsed.isPossible() : parsed.isValid();
  return given ? { e164: parsed.number } : { invalid: text };
}

/** The stored form of an entering number: E.164 when valid, else the trimmed text; null when blank. */
export function storedPhone(raw: string | null | undefined, defaultCountry: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const phone = normalisePhone(raw, defaultCountry);
  return 'e164' in phone ? phone.e164 : phone.invalid;
}
