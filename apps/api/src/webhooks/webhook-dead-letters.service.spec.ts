import { escapeUnstorable } from '@waypoint/data';
import { deadLetterKey } from './webhook-dead-letters.service';

describe('dead-letter keys', () => {
  const body = Buffer.from('{"id": 1}');

  it("keeps the provider's delivery id", () => {
    expect(deadLetterKey(' 7b1f-delivery ', body)).toBe('7b1f-delivery');
  });

  it('keys a delivery without an id by its body, the same for a retry', () => {
    const key = deadLetterKey(undefined, body);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(deadLetterKey(null, Buffer.from('{"id": 1}'))).toBe(key);
    expect(deadLetterKey('', Buffer.from('{"id": 2}'))).not.toBe(key);
  });

  it('hashes a delivery id too long for the unique index', () => {
    expect(deadLetterKey('x'.repeat(5000), body)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('the raw body as stored', () => {
  it('escapes NUL characters and lone surrogates, keeping everything else', () => {
    expect(escapeUnstorable('a\u0000b \ud800 😀 é')).toBe('a\\u0000b \\ud800 😀 é');
  });
});
