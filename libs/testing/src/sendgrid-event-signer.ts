/**
 * Signs SendGrid Event Webhook deliveries the way SendGrid does: an ECDSA P-256 key pair made for
 * the test, the public key exported as SendGrid shows it (base64 DER SubjectPublicKeyInfo, for
 * SENDGRID_WEBHOOK_PUBLIC_KEY), and each body signed (SHA-256, DER signature, base64) over the
 * timestamp header followed by the body.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SignedSendGridDelivery {
  body: string;
  headers: Record<string, string>;
}

export class SendGridEventSigner {
  /** For SENDGRID_WEBHOOK_PUBLIC_KEY. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }

  /** The base64 DER signature of `timestamp + body`. */
  signature(body: string, timestamp: string): string {
    return sign('sha256', Buffer.from(timestamp + body, 'utf8'), this.privateKey).toString('base64');
  }

  /** A delivery of these events (a JSON array, or a body given as is), signed at `at`. */
  delivery(events: unknown[] | string, at: Date = new Date()): SignedSendGridDelivery {
    const body = typeof events === 'string' ? events : JSON.stringify(events);
    const timestamp = String(Math.floor(at.getTime() / 1000));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'SendGrid Event API',
        'x-twilio-email-event-webhook-signature': this.signature(body, timestamp),
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
    };
  }
}
