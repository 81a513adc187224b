/**
 * Phone numbers as they enter: stored as E.164 read in the store's country (the store profile's). The
 * store's own data (webhooks, imports, Twilio) is never refused: a number that is not valid is kept
 * as given and the SMS/WhatsApp steps skip it. Our API refuses it instead, naming the field, since
 * its caller can correct it.
 */
import { normalisePhone, storedPhone } from '@waypoint/channels';
import { ApiError } from '../errors/api-error';
import type { CustomerProfileInput } from './incoming-event';

/** The profile with its phone in the stored form (E.164 when valid, else as given). */
export function withStoredPhone<T extends CustomerProfileInput>(profile: T, country: string): T {
  if (profile.phone === undefined || profile.phone === null) return profile;
  return { ...profile, phone: storedPhone(profile.phone, country) };
}

/** 422 `invalid_phone` naming `field` when `phone` is given and is not a valid number. */
export function refuseInvalidPhone(phone: string | null | undefined, country: string, field: string): void {
  if (!phone) return;
  const parsed = normalisePhone(phone, country);
  if ('invalid' in parsed) {
    throw ApiError.unprocessable(
      'invalid_phone',
      `${field} "${parsed.invalid}" is not a valid phone number (a number without a country code is read as ${country})`,
      { field },
    );
  }
}
