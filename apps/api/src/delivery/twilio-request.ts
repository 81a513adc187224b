/**
 * Twilio's webhook requests (status callbacks, incoming messages): the urlencoded form read from
 * the raw body, and X-Twilio-Signature checked with the `twilio` SDK against the public URL Twilio
 * called (PUBLIC_URL + the path and query it requested).
 */
import { validateRequest } from 'twilio/lib/webhooks/webhooks';

/** A repeated field keeps every value (Twilio signs them all); others are plain strings. */
export type TwilioForm = Record<string, string | string[]>;

export function parseTwilioForm(raw: Buffer): TwilioForm {
  const form: TwilioForm = {};
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}

/** The first value of each field, for reading. */
export function formFields(form: TwilioForm): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
}

/** The URL Twilio called, as it signed it: our public base URL and the path (with query) it requested. */
export function publicRequestUrl(publicUrl: string, originalUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${originalUrl}`;
}

export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  form: TwilioForm,
): boolean {
  if (!signature) return false;
  return validateRequest(authToken, signature, url, form);
}
