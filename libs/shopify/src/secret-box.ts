/**
 * Seals a store's credentials at rest with APP_SECRET: AES-256-GCM under a key derived from the
 * secret (HKDF-SHA256, its own purpose label), a random 96-bit nonce per sealing. The sealed text
 * is `v1.<nonce>.<tag>.<ciphertext>` in base64url; opening with another secret or a changed text
 * fails instead of answering garbage.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PURPOSE = 'waypoint store credentials v1';

function keyFrom(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, Buffer.alloc(0), PURPOSE, 32));
}

export function seal(appSecret: string, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', nonce, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export class SealedSecretError extends Error {}

export function unseal(appSecret: string, sealed: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== 'v1' || nonce === undefined || tag === undefined || body === undefined)
    throw new SealedSecretError('the stored credential is not in a format this version reads');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(appSecret), Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealedSecretError(
      'the stored credential cannot be opened: was APP_SECRET changed since the store was connected?',
    );
  }
}
