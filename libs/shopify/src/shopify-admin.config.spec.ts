import { checkApiVersion, rebased, shopDomain } from './shopify-admin.config';

describe('shopDomain', () => {
  it('accepts a bare name, a domain or a URL, in any case', () => {
    expect(shopDomain('acme')).toBe('acme.myshopify.com');
    expect(shopDomain(' Acme.myshopify.com ')).toBe('acme.myshopify.com');
    expect(shopDomain('https://acme.myshopify.com/admin')).toBe('acme.myshopify.com');
  });

  it('names a missing shop', () => {
    expect(() => shopDomain('  ')).toThrow('no Shopify shop is configured (SHOPIFY_SHOP)');
  });
});

describe('checkApiVersion', () => {
  it('accepts dated versions from 2025-10 on, and unstable', () => {
    expect(checkApiVersion('2025-10')).toBe('2025-10');
    expect(checkApiVersion(' 2026-04 ')).toBe('2026-04');
    expect(checkApiVersion('unstable')).toBe('unstable');
  });

  it('refuses older or malformed versions by name', () => {
    expect(() => checkApiVersion('2025-07')).toThrow('older than 2025-10');
    expect(() => checkApiVersion('2025-11')).toThrow('not a dated Admin API version');
    expect(() => checkApiVersion('latest')).toThrow('not a dated Admin API version');
  });
});

describe('rebased', () => {
  it("keeps Shopify's path after the override's origin and path prefix", () => {
    const url = 'https://acme.myshopify.com/admin/api/2025-10/graphql.json';
    expect(rebased(url, new URL('http://127.0.0.1:4000'))).toBe(
      'http://127.0.0.1:4000/admin/api/2025-10/graphql.json',
    );
    expect(rebased(url, new URL('http://proxy.test/shopify/'))).toBe(
      'http://proxy.test/shopify/admin/api/2025-10/graphql.json',
    );
  });
});
