import { isPrefetch, linkToken, rewriteHtmlLinks, rewriteTextLinks, verifyLinkToken } from './tracked-links';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const origin = { runId: '2f1c2d0e-0000-4000-8000-000000000001', nodeId: 'email' };

describe('tracked links', () => {
  it('mints the same short token for the same send and link, a different one for another link', () => {
    const a = linkToken(secret, origin, 'https://store.test/a');
    expect(a).toHaveLength(16);
    expect(linkToken(secret, origin, 'https://store.test/a')).toBe(a);
    expect(linkToken(secret, origin, 'https://store.test/b')).not.toBe(a);
    expect(linkToken(secret, { ...origin, nodeId: 'sms' }, 'https://store.test/a')).not.toBe(a);
  });

  it('verifies its own tokens and refuses a tampered or foreign one', () => {
    const token = linkToken(secret, origin, 'https://store.test/a');
    expect(verifyLinkToken(secret, token)).toBe(true);
    const flipped = token.slice(0, 3) + (token[3] === 'A' ? 'B' : 'A') + token.slice(4);
    expect(verifyLinkToken(secret, flipped)).toBe(false);
    expect(verifyLinkToken('another-secret-of-thirty-two-characters!', token)).toBe(false);
    expect(verifyLinkToken(secret, token.slice(1))).toBe(false);
    expect(verifyLinkToken(secret, '../../etc/passwd')).toBe(false);
  });

  it('rewrites the http links of an HTML body and leaves the ones it is told to keep', () => {
    const html =
      '<a href="https://store.test/cart?x=1&amp;y=2">Cart</a> <a class="u" href=\'https://store.test/u/t\'>Unsubscribe</a>' +
      ' <a href="mailto:help@store.test">Mail</a>';
    const seen: string[] = [];
    const out = rewriteHtmlLinks(html, (url) => {
      seen.push(url);
      return url.includes('/u/') ? null : 'https://engine.test/c/T';
    });
    expect(seen).toEqual(['https://store.test/cart?x=1&y=2', 'https://store.test/u/t']);
    expect(out).toBe(
      '<a href="https://engine.test/c/T">Cart</a> <a class="u" href=\'https://store.test/u/t\'>Unsubscribe</a>' +
        ' <a href="mailto:help@store.test">Mail</a>',
    );
  });

  it('rewrites bare URLs in a text body, keeping the sentence punctuation', () => {
    const out = rewriteTextLinks(
      'Your cart: https://store.test/c/1. Reply STOP to opt out',
      () => 'https://e.test/c/T',
    );
    expect(out).toBe('Your cart: https://e.test/c/T. Reply STOP to opt out');
  });

  it('tells a scanner or a HEAD request from a person', () => {
    const person =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
    expect(isPrefetch('GET', person)).toBe(false);
    expect(isPrefetch('HEAD', person)).toBe(true);
    expect(isPrefetch('GET', 'Mozilla/5.0 (compatible; BingPreview/1.0b)')).toBe(true);
    expect(isPrefetch('GET', 'facebookexternalhit/1.1')).toBe(true);
    expect(isPrefetch('GET', undefined)).toBe(true);
  });
});
