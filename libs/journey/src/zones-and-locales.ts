/**
 * Whether a time zone or a locale is one Intl knows: the store settings' check, also held by every
 * API that writes a customer's profile (docs/api.md). Valid values come back canonical
 * ("europe/istanbul" → "Europe/Istanbul", "en-us" → "en-US"), invalid ones as null.
 */

/** The IANA name Intl knows the zone by, or null (an offset like "+03:00" is not a zone a Schedule takes). */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z]/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The BCP 47 tag in canonical case, or null when it is not one. */
export function canonicalLocale(locale: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    return canonical ?? null;
  } catch {
    return null;
  }
}
