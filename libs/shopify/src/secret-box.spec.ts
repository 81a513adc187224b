import { seal, SealedSecretError, unseal } from './secret-box';

const SECRET = 'x'.repeat(40);

describe('secret box', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = seal(SECRET, 'shpat_123');
    const b = seal(SECRET, 'shpat_123');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('shpat_123');
    expect(unseal(SECRET, a)).toBe('shpat_123');
  });

  it('refuses another secret and a changed text', () => {
    const sealed = seal(SECRET, 'shpat_123');
    expect(() => unseal('y'.repeat(40), sealed)).toThrow(SealedSecretError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(SECRET, parts.join('.'))).toThrow(SealedSecretError);
    expect(() => unseal(SECRET, 'plain')).toThrow(SealedSecretError);
  });
});
