/**
 * SendGrid's signed Event Webhook: an ECDSA (P-256, SHA-256) signature over the timestamp header
 * followed by the exact body bytes, checked with the public key SendGrid shows for the webhook.
 * A timestamp more than five minutes away from now is refused, so a captured delivery cannot be
 * replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type SignatureVerdict = { ok: true } | { ok: false; code: string; message: string };

/** The key as SendGrid shows it (base64 DER SubjectPublicKeyInfo), or PEM. */
export function sendGridPublicKey(text: string): KeyObject {
  return text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
}

export function verifySendGridSignature(
  key: KeyObject,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  now: Date,
): SignatureVerdict {
  if (!signature || !timestamp) {
    return {
      ok: false,
      code: 'invalid_signature',
      message:
        'X-Twilio-Email-Event-Webhook-Signature and X-Twilio-Email-Event-Webhook-Timestamp are required',
    };
  }
  if (!/^\d{1,12}$/.test(timestamp.trim())) {
    return { ok: false, code: 'invalid_signature', message: 'The webhook timestamp is not Unix seconds' };
  }
  const skew = Math.abs(now.getTime() - Number(timestamp.trim()) * 1000);
  if (skew > MAX_CLOCK_SKEW_MS) {
    return {
      ok: false,
      code: 'stale_timestamp',
      message: 'The webhook timestamp is more than 5 minutes away from now; the delivery is refused',
    };
  }
  let valid = false;
  try {
    valid = verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    valid = false; // not a DER signature at all
  }
  return valid
    ? { ok: true }
    : {
        ok: false,
        code: 'invalid_signature',
        message: 'X-Twilio-Email-Event-Webhook-Signature does not match the timestamp and body',
      };
}
