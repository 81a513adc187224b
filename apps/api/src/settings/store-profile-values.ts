/**
 * Whether a store profile change names things that exist (docs/product.md, "Store settings"): an
 * IANA time zone, an ISO 4217 currency, a BCP 47 locale, a country with a phone numbering plan,
 * quiet hours that are a window, caps over a duration. The contract checks the shape (400); these
 * are the values (422 `invalid_setting` naming the field). Valid values come back canonical
 * ("europe/istanbul" → "Europe/Istanbul", "try" → "TRY", "en-us" → "en-US").
 */
import { isPhoneCountry } from '@waypoint/channels';
import type { StoreProfilePatch } from '@waypoint/contract';
import { canonicalLocale, canonicalTimeZone, CHANNELS, isDuration } from '@waypoint/journey';

export interface SettingProblem {
  field: string;
  message: string;
}

export type CheckedPatch = { patch: StoreProfilePatch } | { problems: SettingProblem[] };

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function checkStoreProfilePatch(input: StoreProfilePatch): CheckedPatch {
  const problems: SettingProblem[] = [];
  const patch: StoreProfilePatch = { ...input };
  const refuse = (field: string, message: string) => problems.push({ field, message });

  if (input.timeZone !== undefined) {
    const zone = canonicalTimeZone(input.timeZone);
    if (zone) patch.timeZone = zone;
    else refuse('timeZone', `"${input.timeZone}" is not a time zone (an IANA name like "Europe/Istanbul")`);
  }
  if (input.currency !== undefined) {
    const code = input.currency.toUpperCase();
    if (CURRENCIES.has(code)) patch.currency = code;
    else refuse('currency', `"${input.currency}" is not an ISO 4217 currency (like "TRY" or "USD")`);
  }
  if (input.locale !== undefined) {
    const locale = canonicalLocale(input.locale);
    if (locale) patch.locale = locale;
    else refuse('locale', `"${input.locale}" is not a BCP 47 locale (like "tr" or "en-US")`);
  }
  if (input.country !== undefined) {
    const country = input.country.toUpperCase();
    if (isPhoneCountry(country)) patch.country = country;
    else
      refuse(
        'country',
        `"${input.country}" is not an ISO 3166 country with a phone numbering plan (like "TR" or "US")`,
      );
  }
  for (const channel of CHANNELS) {
    const window = input.quietHours?.[channel];
    if (window && window.start === window.end)
      refuse(`quietHours.${channel}`, `starts and ends at ${window.start}: give a window, or none`);
  }
  input.frequencyCaps?.forEach((cap, i) => {
    if (!isDuration(cap.per))
      refuse(`frequencyCaps[${i}].per`, `"${cap.per}" is not a duration (like "24h" or "7d")`);
  });
  return problems.length > 0 ? { problems } : { patch };
}
