import { describeIssues } from '@waypoint/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOPIFY_PAYLOADS, SHOPIFY_TOPICS, ShopifyPayloadError } from './shopify-topics';

function fixture(name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(join(__dirname, '../../../../apps/api/test/fixtures/shopify', name), 'utf8'),
  );
}

function problems(topic: string, payload: unknown): string | null {
  const parsed = SHOPIFY_PAYLOADS[topic].safeParse(payload);
  return parsed.success ? null : describeIssues(parsed.error);
}

describe('Shopify payload schemas', () => {
  it('has a payload schema for every mapped topic', () => {
    expect(Object.keys(SHOPIFY_PAYLOADS).sort()).toEqual(Object.keys(SHOPIFY_TOPICS).sort());
  });

  it.each([
    ['checkouts/create', 'checkouts-create.json'],
    ['checkouts/update', 'checkouts-update.json'],
    ['orders/create', 'orders-create.json'],
    ['orders/paid', 'orders-paid.json'],
    ['orders/fulfilled', 'orders-fulfilled.json'],
    ['orders/cancelled', 'orders-cancelled.json'],
  ])('accepts the documented %s payload', (topic, file) => {
    expect(problems(topic, fixture(file))).toBeNull();
  });

  it('refuses a customer id that is an object, naming the field', () => {
    expect(problems('customers/create', { id: { a: 1 }, email: 'a@example.com' })).toBe(
      'id: must be a Shopify id (a whole number or text)',
    );
  });

  it('names a missing customer id', () => {
    expect(problems('customers/update', { email: 'a@example.com' })).toBe('id: is required');
  });

  it('names the field of a wrong type deep in an order, as the payload spells it', () => {
    const order = fixture('orders-create.json');
    order.line_items[1].price = { amount: '22.00' };
    order.customer.email = 12;
    expect(problems('orders/create', order)).toBe(
      'customer.email: Invalid input: expected string, received number; line_items[1].price: must be an amount such as "199.00"',
    );
  });

  it('refuses NUL characters in the fields it reads', () => {
    expect(problems('checkouts/create', { ...fixture('checkouts-create.json'), token: 'a\u0000b' })).toBe(
      'token: must not contain NUL or unpaired surrogate characters',
    );
  });

  it('never turns an object id into "[object Object]" even when the mapper is called directly', () => {
    const map = () => SHOPIFY_TOPICS['customers/create']({ id: { a: 1 } }, new Date());
    expect(map).toThrow(ShopifyPayloadError);
    expect(map).toThrow('the customer payload has no "id"');
  });
});
