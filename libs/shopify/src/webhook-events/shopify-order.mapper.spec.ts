import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOPIFY_TOPICS, ShopifyPayloadError } from './shopify-topics';

type OrderTopic = 'orders/create' | 'orders/paid' | 'orders/fulfilled' | 'orders/cancelled';

const receivedAt = new Date('2026-03-21T08:00:00.000Z');

function fixture(name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(join(__dirname, '../../../../apps/api/test/fixtures/shopify', name), 'utf8'),
  );
}

function map(topic: OrderTopic, payload: Record<string, unknown>) {
  const event = SHOPIFY_TOPICS[topic](payload, receivedAt);
  if (!event) throw new Error(`${topic} mapped to no event`);
  return event;
}

function refusal(run: () => unknown): ShopifyPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShopifyPayloadError) return error;
    throw error;
  }
  throw new Error('expected a ShopifyPayloadError, but nothing was thrown');
}

const ava = {
  externalId: '7123409283175',
  email: 'ava.fischer@example.com',
  phone: '+13125550123',
  firstName: 'Ava',
  lastName: 'Fischer',
};

/** Ava's consent as her customer object in the order carries it: email subscribed, SMS never asked. */
const avaConsents = [
  {
    channel: 'email',
    status: 'opted_in',
    optInLevel: 'single_opt_in',
    at: new Date('2026-02-02T22:20:11.000Z'),
  },
];

/** Order #1001, placed from the WELCOME10 checkout; only the statuses change between topics. */
const order1001 = {
  orderId: '5601239847123',
  orderNumber: 1001,
  orderName: '#1001',
  checkoutToken: '4b1e6f0a9c2d47e8b3f5a7c9d1e2f3a4',
  currency: 'USD',
  totalPrice: 86.9,
  subtotalPrice: 81,
  totalDiscounts: 9,
  discountCodes: ['WELCOME10'],
  usedDiscount: true,
  lineItems: [
    {
      productId: '8401293847561',
      variantId: '45012398471201',
      sku: 'LS-SERUM-30',
      title: 'Hydrating Face Serum',
      variantTitle: '30 ml',
      quantity: 2,
      price: 34,
    },
    {
      productId: '8401293847598',
      variantId: '45012398471299',
      sku: 'LS-SPF50-50',
      title: 'Daily SPF 50 Sunscreen',
      variantTitle: '50 ml',
      quantity: 1,
      price: 22,
    },
  ],
  itemCount: 3,
  financialStatus: 'authorized',
  fulfillmentStatus: null,
  cancelledAt: null,
  cancelReason: null,
  acceptsMarketing: true,
};

describe('Shopify order topics', () => {
  it('maps orders/create to order.placed at the order creation time', () => {
    expect(map('orders/create', fixture('orders-create.json'))).toEqual({
      type: 'order.placed',
      occurredAt: new Date('2026-03-14T13:31:03.000Z'),
      properties: order1001,
      customer: ava,
      consents: avaConsents,
    });
  });

  it('maps orders/paid to order.paid at the update that recorded the payment', () => {
    expect(map('orders/paid', fixture('orders-paid.json'))).toEqual({
      type: 'order.paid',
      occurredAt: new Date('2026-03-14T15:02:17.000Z'),
      properties: { ...order1001, financialStatus: 'paid' },
      customer: ava,
      consents: avaConsents,
    });
  });

  it('maps orders/fulfilled to order.fulfilled at the update that recorded the fulfilment', () => {
    expect(map('orders/fulfilled', fixture('orders-fulfilled.json'))).toEqual({
      type: 'order.fulfilled',
      occurredAt: new Date('2026-03-16T18:45:09.000Z'),
      properties: { ...order1001, financialStatus: 'paid', fulfillmentStatus: 'fulfilled' },
      customer: ava,
      consents: avaConsents,
    });
  });

  it('maps orders/cancelled to order.cancelled at the cancellation time', () => {
    expect(map('orders/cancelled', fixture('orders-cancelled.json'))).toEqual({
      type: 'order.cancelled',
      occurredAt: new Date('2026-03-20T20:48:29.000Z'),
      properties: {
        orderId: '5601239847190',
        orderNumber: 1002,
        orderName: '#1002',
        checkoutToken: '9e8d7c6b5a4f43e2a1b0c9d8e7f6a5b4',
        currency: 'USD',
        totalPrice: 23,
        subtotalPrice: 23,
        totalDiscounts: 5,
        discountCodes: [],
        // An automatic discount has no code, yet this was not a full-price order.
        usedDiscount: true,
        lineItems: [
          {
            productId: '8401293847612',
            variantId: '45012398471333',
            sku: 'LS-SERUM-REFILL-60',
            title: 'Hydrating Face Serum Refill',
            variantTitle: '60 ml pouch',
            quantity: 1,
            price: 28,
          },
        ],
        itemCount: 1,
        financialStatus: 'voided',
        fulfillmentStatus: null,
        cancelledAt: '2026-03-20T20:48:29.000Z',
        cancelReason: 'customer',
        acceptsMarketing: false,
      },
      customer: {
        externalId: '7123409283202',
        email: 'noah.brennan@example.com',
        phone: '+15145550188',
        firstName: 'Noah',
        lastName: 'Brennan',
      },
      // A payload of an old API version: only the legacy `accepts_marketing: false`, which only
      // withdraws an opt-in we hold.
      consents: [
        {
          channel: 'email',
          status: 'opted_out',
          optInLevel: null,
          at: new Date('2026-03-20T20:48:29.000Z'),
          withdrawOnly: true,
        },
      ],
    });
  });

  it('marks an order without codes or discounts as full price', () => {
    const payload = fixture('orders-create.json');
    payload.discount_codes = [];
    payload.total_discounts = '0.00';
    expect(map('orders/create', payload).properties).toMatchObject({
      discountCodes: [],
      totalDiscounts: 0,
      usedDiscount: false,
    });
  });

  it('keeps a custom line item that has no product or variant', () => {
    const payload = fixture('orders-create.json');
    Object.assign(payload.line_items[1], {
      product_id: null,
      variant_id: null,
      sku: '',
      variant_title: null,
    });
    expect((map('orders/create', payload).properties.lineItems as unknown[])[1]).toEqual({
      productId: null,
      variantId: null,
      sku: null,
      title: 'Daily SPF 50 Sunscreen',
      variantTitle: null,
      quantity: 1,
      price: 22,
    });
  });

  it('files a guest order under its email, with no external id', () => {
    const payload = fixture('orders-create.json');
    payload.customer = null;
    expect(map('orders/create', payload).customer).toEqual({
      externalId: null,
      email: 'ava.fischer@example.com',
      phone: null,
      firstName: null,
      lastName: null,
    });
  });

  it('dates a placed order at its processing time when created_at is missing', () => {
    const payload = fixture('orders-create.json');
    delete payload.created_at;
    expect(map('orders/create', payload).occurredAt).toEqual(new Date('2026-03-14T13:31:02.000Z'));
  });

  it.each<[OrderTopic, string, string[]]>([
    ['orders/create', 'orders-create.json', ['created_at', 'processed_at']],
    ['orders/paid', 'orders-paid.json', ['updated_at']],
    ['orders/fulfilled', 'orders-fulfilled.json', ['updated_at']],
    ['orders/cancelled', 'orders-cancelled.json', ['cancelled_at']],
  ])('dates %s at its arrival when its timestamps are missing or unparsable', (topic, file, stamps) => {
    const missing = fixture(file);
    stamps.forEach((stamp) => delete missing[stamp]);
    expect(map(topic, missing).occurredAt).toEqual(receivedAt);
    const garbled = fixture(file);
    stamps.forEach((stamp) => (garbled[stamp] = 'not a date'));
    expect(map(topic, garbled).occurredAt).toEqual(receivedAt);
  });

  it.each([undefined, null, ''])('refuses an order whose id is %p', (id) => {
    const payload = fixture('orders-create.json');
    payload.id = id;
    const error = refusal(() => map('orders/create', payload));
    expect(error.field).toBe('id');
    expect(error.message).toBe('the order payload has no "id"');
  });

  it('refuses an order that names no customer, pointing at the email field', () => {
    const payload = fixture('orders-paid.json');
    payload.customer = null;
    payload.email = '';
    payload.phone = null;
    const error = refusal(() => map('orders/paid', payload));
    expect(error.field).toBe('email');
    expect(error.message).toBe('the order names no customer: no customer.id, email or phone');
  });

  it.each([
    ['total_price', (p: Record<string, any>) => (p.total_price = 'USD 86.90')],
    ['total_price', (p: Record<string, any>) => (p.total_price = null)],
    ['subtotal_price', (p: Record<string, any>) => (p.subtotal_price = '81.00.00')],
    ['total_discounts', (p: Record<string, any>) => (p.total_discounts = 'free')],
    ['line_items[0].price', (p: Record<string, any>) => (p.line_items[0].price = { amount: '34.00' })],
  ])('refuses a non-numeric amount in %s', (field, spoil) => {
    const payload = fixture('orders-create.json');
    spoil(payload);
    expect(refusal(() => map('orders/create', payload)).field).toBe(field);
  });
});
