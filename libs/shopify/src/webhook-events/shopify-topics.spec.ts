import { SHOPIFY_TOPICS } from './shopify-topics';

describe('SHOPIFY_TOPICS', () => {
  it('maps exactly the subscribed Shopify topics', () => {
    expect(Object.keys(SHOPIFY_TOPICS).sort()).toEqual([
      'checkouts/create',
      'checkouts/update',
      'customers/create',
      'customers/update',
      'fulfillments/create',
      'fulfillments/update',
      'orders/cancelled',
      'orders/create',
      'orders/fulfilled',
      'orders/paid',
    ]);
  });

  it.each([
    ['checkouts/create', 'checkout.started', { token: 'tok', email: 'a@example.com', total_price: '1.00' }],
    ['checkouts/update', 'checkout.updated', { token: 'tok', email: 'a@example.com', total_price: '1.00' }],
    ['orders/create', 'order.placed', { id: 1, email: 'a@example.com', total_price: '1.00' }],
    ['orders/paid', 'order.paid', { id: 1, email: 'a@example.com', total_price: '1.00' }],
    ['orders/fulfilled', 'order.fulfilled', { id: 1, email: 'a@example.com', total_price: '1.00' }],
    ['orders/cancelled', 'order.cancelled', { id: 1, email: 'a@example.com', total_price: '1.00' }],
    ['customers/create', 'customer.created', { id: 1 }],
    ['customers/update', 'customer.updated', { id: 1 }],
  ])('maps %s to %s', (topic, type, payload) => {
    expect(SHOPIFY_TOPICS[topic](payload, new Date())?.type).toBe(type);
  });
});
