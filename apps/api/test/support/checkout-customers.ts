/**
 * A customer the storefront knows (created through the profile API) with a checkout stored as
 * already routed (no outbox row), so no live journey starts a run for it: what a preview reads as
 * their latest `checkout.started`.
 */
import { randomUUID } from 'node:crypto';
import type { TestStack } from './test-stack';

export interface CheckoutCustomer {
  email: string;
  phone: string;
  timezone: string;
  consent: Record<string, string>;
}

/** The customer's id. */
export async function customerWithCheckout(stack: TestStack, customer: CheckoutCustomer): Promise<string> {
  const key = await stack.apiKey(`checkout-${randomUUID().slice(0, 8)}`);
  const externalId = `checkout-${randomUUID().slice(0, 8)}`;
  const put = await stack.request(
    'PUT',
    `/v1/customers/${externalId}`,
    { ...customer, firstName: 'Ada' },
    { authorization: `Bearer ${key}` },
  );
  if (put.status >= 300)
    throw new Error(`the profile was not stored: ${put.status} ${JSON.stringify(put.body)}`);
  const [{ id }] = await stack.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = $1`, [
    externalId,
  ]);
  const token = `tok-${randomUUID().slice(0, 8)}`;
  await stack.query(
    `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
     VALUES ($1, 'checkout.started', $2, 'test', $3, now())`,
    [
      randomUUID(),
      id,
      {
        checkoutToken: token,
        abandonedCheckoutUrl: `https://store.example.com/checkouts/${token}/recover`,
        currency: 'EUR',
        totalPrice: 39.8,
        lineItems: [{ title: 'Organic Coffee 1 kg', quantity: 2, price: 19.9 }],
      },
    ],
  );
  return id;
}
