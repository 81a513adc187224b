/** Shopify webhook deliveries as Shopify sends them: the documented payload shape, signed headers. */
import { createHmac, randomUUID } from 'node:crypto';

let nextId = Date.now();

/** A customers/create payload shaped like Shopify's Admin API webhook body. */
export function shopifyCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = nextId++;
  return {
    id,
    email: `shopper-${id}@example.com`,
    accepts_marketing: true,
    created_at: '2026-11-24T09:15:00-05:00',
    updated_at: '2026-11-24T09:15:00-05:00',
    first_name: 'Ada',
    last_name: 'Lovelace',
    orders_count: 0,
    state: 'enabled',
    total_spent: '0.00',
    last_order_id: null,
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    tags: 'newsletter, vip-prospect',
    last_order_name: null,
    currency: 'USD',
    phone: null,
    addresses: [],
    accepts_marketing_updated_at: '2026-11-24T09:15:00-05:00',
    marketing_opt_in_level: 'single_opt_in',
    tax_exemptions: [],
    email_marketing_consent: {
      state: 'subscribed',
      opt_in_level: 'single_opt_in',
      consent_updated_at: '2026-11-24T09:15:00-05:00',
    },
    sms_marketing_consent: null,
    admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    default_address: null,
    ...overrides,
  };
}

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

export function signedDelivery(
  topic: string,
  payload: unknown,
  secret: string,
  eventId: string = randomUUID(),
): Delivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      'x-shopify-shop-domain': 'test-store.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  };
}

export async function deliver(baseUrl: string, delivery: Delivery): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/webhooks/shopify`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: res.status, body: await res.json() };
}
