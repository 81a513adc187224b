import type { BulkCustomerLine, BulkLineItemLine, BulkOrderLine } from './bulk-queries';
import { BulkOrderAssembler, customerWebhookPayload, orderWebhookPayload } from './bulk-webhook-payloads';

const customer: BulkCustomerLine = {
  id: 'gid://shopify/Customer/7001',
  firstName: 'Zoë',
  lastName: 'Martin',
  locale: 'fr',
  tags: ['vip', 'newsletter'],
  createdAt: '2024-02-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
  defaultEmailAddress: {
    emailAddress: 'zoe@example.com',
    marketingState: 'UNSUBSCRIBED',
    marketingOptInLevel: 'SINGLE_OPT_IN',
    marketingUpdatedAt: '2025-06-01T12:00:00Z',
  },
  defaultPhoneNumber: {
    phoneNumber: '+33612345678',
    marketingState: 'SUBSCRIBED',
    marketingOptInLevel: 'CONFIRMED_OPT_IN',
    marketingUpdatedAt: '2025-07-01T12:00:00Z',
    marketingCollectedFrom: 'SHOPIFY',
  },
  defaultAddress: { countryCodeV2: 'FR', provinceCode: null, city: 'Lyon', zip: '69001' },
};

function order(n: number, codes: string[] = []): BulkOrderLine {
  return {
    id: `gid://shopify/Order/${n}`,
    name: `#${1000 + n}`,
    email: null,
    createdAt: '2025-01-02T10:00:00Z',
    updatedAt: '2025-01-03T10:00:00Z',
    processedAt: '2025-01-02T10:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    currencyCode: 'EUR',
    displayFinancialStatus: 'PARTIALLY_REFUNDED',
    displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
    customerAcceptsMarketing: true,
    customer: { id: 'gid://shopify/Customer/7001' },
    totalPriceSet: { shopMoney: { amount: '45.00', currencyCode: 'EUR' } },
    subtotalPriceSet: { shopMoney: { amount: '50.00', currencyCode: 'EUR' } },
    totalDiscountsSet: { shopMoney: { amount: '5.00', currencyCode: 'EUR' } },
    discountCodes: codes,
    fulfillments: [{ createdAt: '2025-01-04T08:00:00Z' }],
  };
}

function item(n: number, orderId: number): BulkLineItemLine {
  return {
    id: `gid://shopify/LineItem/${n}`,
    sku: `SKU-${n}`,
    title: 'Thé vert',
    quantity: 2,
    product: { id: 'gid://shopify/Product/9' },
    variant: null,
    originalUnitPriceSet: { shopMoney: { amount: '25.00', currencyCode: 'EUR' } },
    __parentId: `gid://shopify/Order/${orderId}`,
  };
}

describe('bulk lines as webhook payloads', () => {
  it("gives a customer the webhook's ids, tags and consent words", () => {
    expect(customerWebhookPayload(customer)).toEqual({
      id: 7001,
      email: 'zoe@example.com',
      phone: '+33612345678',
      first_name: 'Zoë',
      last_name: 'Martin',
      locale: 'fr',
      tags: 'vip, newsletter',
      created_at: '2024-02-01T09:00:00Z',
      updated_at: '2026-03-01T09:00:00Z',
      default_address: { country_code: 'FR', province_code: null, city: 'Lyon', zip: '69001' },
      email_marketing_consent: {
        state: 'unsubscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2025-06-01T12:00:00Z',
      },
      sms_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'confirmed_opt_in',
        consent_updated_at: '2025-07-01T12:00:00Z',
        consent_collected_from: 'SHOPIFY',
      },
    });
  });

  it('gives an order its items, money strings, statuses and a single code its amount', () => {
    const payload = orderWebhookPayload(order(1, ['WELCOME-10']), [item(11, 1)]);
    expect(payload).toMatchObject({
      id: 1,
      customer: { id: 7001 },
      currency: 'EUR',
      total_price: '45.00',
      total_discounts: '5.00',
      discount_codes: [{ code: 'WELCOME-10', amount: '5.00' }],
      line_items: [
        {
          id: 11,
          product_id: 9,
          variant_id: null,
          sku: 'SKU-11',
          title: 'Thé vert',
          quantity: 2,
          price: '25.00',
        },
      ],
      fulfillments: [{ created_at: '2025-01-04T08:00:00Z' }],
      financial_status: 'partially_refunded',
      fulfillment_status: 'partial',
      buyer_accepts_marketing: true,
    });
    expect(orderWebhookPayload(order(2, ['A', 'B']), []).discount_codes).toEqual([
      { code: 'A' },
      { code: 'B' },
    ]);
  });
});

describe('BulkOrderAssembler', () => {
  it('hands over each order with its items when the next order starts; orphans of a broken order are counted', () => {
    const assembler = new BulkOrderAssembler();
    const done = [
      assembler.push(order(1), 1),
      assembler.push(item(11, 1), 2),
      assembler.push(item(12, 1), 3),
      // line 4 was order 2, malformed: skipped by the caller
      assembler.push(item(21, 2), 5),
      assembler.push(order(3), 6),
      assembler.push(item(31, 3), 7),
    ].filter((o) => o !== null);
    const last = assembler.finish();
    expect(done.map((o) => [o.order.id, o.items.map((i) => i.id), o.lastLineNumber])).toEqual([
      ['gid://shopify/Order/1', ['gid://shopify/LineItem/11', 'gid://shopify/LineItem/12'], 3],
    ]);
    expect([last?.order.id, last?.items.length, last?.lastLineNumber]).toEqual([
      'gid://shopify/Order/3',
      1,
      7,
    ]);
    expect(assembler.orphans).toBe(1);
  });
});
