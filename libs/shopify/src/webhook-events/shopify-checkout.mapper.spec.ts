import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOPIFY_TOPICS, ShopifyPayloadError } from './shopify-topics';

const receivedAt = new Date('2026-03-14T13:40:00.000Z');

function fixture(name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(join(__dirname, '../../../../apps/api/test/fixtures/shopify', name), 'utf8'),
  );
}

function map(topic: 'checkouts/create' | 'checkouts/update', payload: Record<string, unknown>) {
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

/** Ava's consent as her customer object in the checkout carries it: email subscribed, SMS never asked. */
const avaConsents = [
  {
    channel: 'email',
    status: 'opted_in',
    optInLevel: 'single_opt_in',
    at: new Date('2026-02-02T22:20:11.000Z'),
  },
];

const cart = [
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
];

describe('Shopify checkout topics', () => {
  it('maps checkouts/create to checkout.started at the checkout creation time', () => {
    expect(map('checkouts/create', fixture('checkouts-create.json'))).toEqual({
      type: 'checkout.started',
      occurredAt: new Date('2026-03-14T13:12:44.000Z'),
      properties: {
        checkoutToken: '4b1e6f0a9c2d47e8b3f5a7c9d1e2f3a4',
        cartToken: 'Z2NwLXVzLWVhc3QxOjAxSFg5VjJKM0s0TTVONlA3UThSOVMwVDFV',
        abandonedCheckoutUrl:
          'https://lumen-skin.myshopify.com/71203948127/checkouts/ac/Z2NwLXVzLWVhc3QxOjAxSFg5VjJKM0s0TTVONlA3UThSOVMwVDFV/recover?key=2f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c',
        currency: 'USD',
        totalPrice: 95.9,
        subtotalPrice: 90,
        discountCodes: [],
        lineItems: cart,
        itemCount: 3,
        acceptsMarketing: true,
        acceptsSmsMarketing: false,
        completedAt: null,
        updatedAt: '2026-03-14T13:12:44.000Z',
      },
      customer: ava,
      consents: avaConsents,
    });
  });

  it('maps checkouts/update to checkout.updated at the update time, with its codes and completion', () => {
    expect(map('checkouts/update', fixture('checkouts-update.json'))).toEqual({
      type: 'checkout.updated',
      occurredAt: new Date('2026-03-14T13:31:02.000Z'),
      properties: {
        checkoutToken: '4b1e6f0a9c2d47e8b3f5a7c9d1e2f3a4',
        cartToken: 'Z2NwLXVzLWVhc3QxOjAxSFg5VjJKM0s0TTVONlA3UThSOVMwVDFV',
        abandonedCheckoutUrl:
          'https://lumen-skin.myshopify.com/71203948127/checkouts/ac/Z2NwLXVzLWVhc3QxOjAxSFg5VjJKM0s0TTVONlA3UThSOVMwVDFV/recover?key=2f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c',
        currency: 'USD',
        totalPrice: 86.9,
        subtotalPrice: 81,
        discountCodes: ['WELCOME10'],
        lineItems: cart,
        itemCount: 3,
        acceptsMarketing: true,
        acceptsSmsMarketing: true,
        completedAt: '2026-03-14T13:31:02.000Z',
        updatedAt: '2026-03-14T13:31:02.000Z',
      },
      customer: ava,
      consents: avaConsents,
    });
  });

  it('files a guest checkout under the email typed into it, with no external id', () => {
    const payload = fixture('checkouts-create.json');
    delete payload.customer;
    payload.email = 'guest@example.com';
    expect(map('checkouts/create', payload).customer).toEqual({
      externalId: null,
      email: 'guest@example.com',
      phone: null,
      firstName: null,
      lastName: null,
    });
  });

  it('accepts a checkout known only by a phone number', () => {
    const payload = fixture('checkouts-create.json');
    payload.customer = null;
    payload.email = null;
    payload.phone = '+15145550100';
    expect(map('checkouts/create', payload).customer).toMatchObject({
      externalId: null,
      email: null,
      phone: '+15145550100',
    });
  });

  it('prefers the contact details on the checkout over those on the customer record', () => {
    const payload = fixture('checkouts-update.json');
    payload.email = 'ava.work@example.com';
    payload.phone = '+13125550999';
    expect(map('checkouts/update', payload).customer).toEqual({
      ...ava,
      email: 'ava.work@example.com',
      phone: '+13125550999',
    });
  });

  it('refuses a checkout that names no customer, pointing at the email field', () => {
    const payload = fixture('checkouts-create.json');
    delete payload.customer;
    payload.email = null;
    payload.phone = '';
    const error = refusal(() => map('checkouts/create', payload));
    expect(error.field).toBe('email');
    expect(error.message).toBe('the checkout names no customer: no customer.id, email or phone');
  });

  it.each([undefined, null, ''])('refuses a checkout whose token is %p', (token) => {
    const payload = fixture('checkouts-create.json');
    payload.token = token;
    const error = refusal(() => map('checkouts/create', payload));
    expect(error.field).toBe('token');
    expect(error.message).toBe('the checkout payload has no "token"');
  });

  it.each([
    ['total_price', (p: Record<string, any>) => (p.total_price = '95,90')],
    ['total_price', (p: Record<string, any>) => delete p.total_price],
    ['subtotal_price', (p: Record<string, any>) => (p.subtotal_price = 'ninety')],
    ['line_items[1].price', (p: Record<string, any>) => (p.line_items[1].price = '')],
  ])('refuses a non-numeric amount in %s', (field, spoil) => {
    const payload = fixture('checkouts-create.json');
    spoil(payload);
    expect(refusal(() => map('checkouts/create', payload)).field).toBe(field);
  });

  it('refuses a line item without a whole quantity', () => {
    const payload = fixture('checkouts-create.json');
    payload.line_items[0].quantity = '2';
    expect(refusal(() => map('checkouts/create', payload)).field).toBe('line_items[0].quantity');
  });

  it.each([
    ['absent', undefined],
    ['unparsable', 'yesterday'],
  ])('dates the event at its arrival when the timestamp is %s', (_case, stamp) => {
    const created = fixture('checkouts-create.json');
    created.created_at = stamp;
    expect(map('checkouts/create', created).occurredAt).toEqual(receivedAt);
    const updated = fixture('checkouts-update.json');
    updated.updated_at = stamp;
    expect(map('checkouts/update', updated).occurredAt).toEqual(receivedAt);
  });

  it('reads an empty cart as no items rather than refusing it', () => {
    const payload = fixture('checkouts-create.json');
    payload.line_items = [];
    expect(map('checkouts/create', payload).properties).toMatchObject({ lineItems: [], itemCount: 0 });
  });
});
