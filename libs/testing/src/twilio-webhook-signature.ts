/**
 * Signs Twilio webhook requests (status callbacks, incoming messages) as Twilio documents it:
 * X-Twilio-Signature is the base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio
 * called followed by every POST parameter name and value, sorted by name. Written from the
 * documentation rather than with the SDK, so the API's use of the SDK is checked independently.
 */
import { createHmac } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export interface SignedTwilioRequest {
  body: string;
  headers: Record<string, string>;
}

/** A form POST as Twilio sends it to `url`, signed with `authToken`. */
export function signedTwilioRequest(
  authToken: string,
  url: string,
  params: Record<string, string>,
): SignedTwilioRequest {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
  };
}
