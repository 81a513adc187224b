import { shopifyCustomerGid } from './coupon.activities';

describe('shopifyCustomerGid', () => {
  it("makes a Shopify customer id (what Shopify's webhooks store as the external id) a gid", () => {
    expect(shopifyCustomerGid('7123409283175')).toBe('gid://shopify/Customer/7123409283175');
    expect(shopifyCustomerGid('gid://shopify/Customer/42')).toBe('gid://shopify/Customer/42');
  });

  it('gives null for a customer the store does not know', () => {
    expect(shopifyCustomerGid(null)).toBeNull();
    expect(shopifyCustomerGid('crm-4711')).toBeNull();
    expect(shopifyCustomerGid('gid://shopify/Order/42')).toBeNull();
  });
});
