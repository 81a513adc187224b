import { SealedSecretError, ShopifyAuthError, ShopifyError } from '@waypoint/shopify';
import { normalisedShop, storeRefusal } from './store-check';

describe('what a failed store check answers', () => {
  it('names a refused token with the store reason, as a 422', () => {
    const refusal = storeRefusal(
      new ShopifyAuthError('shop.myshopify.com', '[API] Invalid API key or access token (HTTP 401)', 401),
      'shop.myshopify.com',
    );
    expect(refusal).toMatchObject({ status: 422, code: 'store_token_refused' });
    expect(refusal.message).toContain('refused the Admin API token: [API] Invalid API key or access token');
    expect(refusal.details).toEqual({
      shop: 'shop.myshopify.com',
      shopifyCode: 'shopify_auth',
      httpStatus: 401,
    });
  });

  it('says a store that does not answer could not be reached, still a 4xx', () => {
    const refusal = storeRefusal(
      new ShopifyError('shopify_unavailable', 'nope.myshopify.com did not answer after 2 attempts', true),
      'nope.myshopify.com',
    );
    expect(refusal).toMatchObject({ status: 422, code: 'store_unreachable' });
    expect(refusal.message).toMatch(/^Could not reach the store: .*Check the shop domain/);
  });

  it('answers 409 when the stored credentials cannot be opened, and rethrows what is not the store', () => {
    expect(storeRefusal(new SealedSecretError('cannot be opened.'), 'x')).toMatchObject({
      status: 409,
      code: 'store_credentials_unreadable',
    });
    const bug = new TypeError('a bug');
    expect(() => storeRefusal(bug, 'x')).toThrow(bug);
  });

  it('takes the shop as an admin types it', () => {
    expect(normalisedShop('My-Store')).toBe('my-store.myshopify.com');
    expect(normalisedShop('https://my-store.myshopify.com/')).toBe('my-store.myshopify.com');
    expect(() => normalisedShop('   ')).toThrow(
      expect.objectContaining({ status: 422, code: 'invalid_shop' }),
    );
  });
});
