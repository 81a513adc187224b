import { SendGridEventSigner } from '@waypoint/testing';
import { sendGridPublicKey, verifySendGridSignature } from './sendgrid-event-signature';

describe('SendGrid event webhook signature', () => {
  const signer = new SendGridEventSigner();
  const key = sendGridPublicKey(signer.publicKey);
  const now = new Date('2026-11-24T10:00:00Z');
  const body = JSON.stringify([{ event: 'delivered', sg_event_id: 'abc' }]);
  const verify = (raw: string, signature: string | undefined, timestamp: string | undefined, at = now) =>
    verifySendGridSignature(key, Buffer.from(raw), signature, timestamp, at);

  it('accepts the signature of the timestamp followed by the exact body', () => {
    const { headers } = signer.delivery(body, now);
    const timestamp = headers['x-twilio-email-event-webhook-timestamp'];
    expect(verify(body, headers['x-twilio-email-event-webhook-signature'], timestamp)).toEqual({ ok: true });
  });

  it('refuses a changed body, another timestamp, another key or no signature', () => {
    const { headers } = signer.delivery(body, now);
    const signature = headers['x-twilio-email-event-webhook-signature'];
    const timestamp = headers['x-twilio-email-event-webhook-timestamp'];
    const other = new SendGridEventSigner().signature(body, timestamp);
    expect(verify(`${body} `, signature, timestamp)).toMatchObject({ ok: false, code: 'invalid_signature' });
    expect(verify(body, signature, String(Number(timestamp) + 1))).toMatchObject({ ok: false });
    expect(verify(body, other, timestamp)).toMatchObject({ ok: false, code: 'invalid_signature' });
    expect(verify(body, undefined, timestamp)).toMatchObject({ ok: false, code: 'invalid_signature' });
    expect(verify(body, 'bm90IGEgc2lnbmF0dXJl', timestamp)).toMatchObject({
      ok: false,
      code: 'invalid_signature',
    });
  });

  it('refuses timestamps more than five minutes old or ahead, even when signed', () => {
    for (const offset of [-5 * 60_000 - 1_000, 5 * 60_000 + 1_000]) {
      const at = new Date(now.getTime() + offset);
      const { headers } = signer.delivery(body, at);
      expect(
        verify(
          body,
          headers['x-twilio-email-event-webhook-signature'],
          headers['x-twilio-email-event-webhook-timestamp'],
        ),
      ).toMatchObject({ ok: false, code: 'stale_timestamp' });
    }
    const { headers } = signer.delivery(body, new Date(now.getTime() - 4 * 60_000));
    expect(
      verify(
        body,
        headers['x-twilio-email-event-webhook-signature'],
        headers['x-twilio-email-event-webhook-timestamp'],
      ),
    ).toEqual({ ok: true });
  });

  it('reads the key as SendGrid shows it (base64 DER) or as PEM', () => {
    const pem = key.export({ format: 'pem', type: 'spki' }).toString();
    expect(sendGridPublicKey(pem).equals(key)).toBe(true);
  });
});
