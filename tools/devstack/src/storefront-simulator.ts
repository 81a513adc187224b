/**
 * A storefront simulator: realistic Shopify traffic for N customers over simulated months —
 * sign-ups, checkouts (some abandoned, some completed), orders with consumables reordered on a
 * rhythm, discount use, and customers who lapse — generated in time order with a seeded random
 * source (the same seed gives the same store) and sent as signed Shopify webhooks.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface SimulationOptions {
  customers: number;
  months: number;
  seed: number;
  /** The simulated store's "today": the last month ends here. */
  now: Date;
}

export interface ShopifyDelivery {
  topic: string;
  at: Date;
  payload: Record<string, unknown>;
}

const PRODUCTS = [
  { id: 7001, title: 'Organic Coffee 1 kg', price: 24, consumable: true },
  { id: 7002, title: 'Green Tea 100 bags', price: 9, consumable: true },
  { id: 7003, title: 'Dog Food 5 kg', price: 39, consumable: true },
  { id: 7004, title: 'Vitamin D 90 caps', price: 15, consumable: true },
  { id: 7101, title: 'Ceramic Mug', price: 18, consumable: false },
  { id: 7102, title: 'Pour-over Kit', price: 45, consumable: false },
];
const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Linus',
  'Margaret',
  'Alan',
  'Edsger',
  'Barbara',
  'Ken',
  'Radia',
  'Frances',
  'Donald',
  'Hedy',
];
const DAY = 86_400_000;

/** mulberry32: small, fast, seeded. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function simulateStore(options: SimulationOptions): ShopifyDelivery[] {
  const random = seeded(options.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const start = options.now.getTime() - options.months * 30 * DAY;
  const deliveries: ShopifyDelivery[] = [];
  let orderId = 5_000_000;
  for (let i = 0; i < options.customers; i++) {
    const customerId = 9_000_000 + i;
    const firstName = pick(FIRST_NAMES);
    const customer = {
      id: customerId,
      email: `${firstName.toLowerCase()}.${customerId}@example.com`,
      phone: random() < 0.4 ? `+1555${String(1_000_000 + i).slice(-7)}` : null,
      first_name: firstName,
      last_name: 'Shopper',
    };
    let t = start + random() * (options.now.getTime() - start) * 0.8;
    deliveries.push({
      topic: 'customers/create',
      at: new Date(t),
      payload: { ...customer, created_at: new Date(t).toISOString(), accepts_marketing: true },
    });
    // A customer's habits: how often they come back, whether they use coupons, when they lapse.
    const rhythmDays = 20 + random() * 50;
    const couponShopper = random() < 0.3;
    const lapseAt = random() < 0.35 ? t + random() * (options.now.getTime() - t) : Infinity;
    const favourite = pick(PRODUCTS.filter((p) => p.consumable));
    for (let visit = 0; visit < 40; visit++) {
      t += (visit === 0 ? random() * 5 : rhythmDays * (0.7 + random() * 0.6)) * DAY;
      if (t > options.now.getTime() || t > lapseAt) break;
      const items = [{ product: favourite, quantity: 1 + Math.floor(random() * 2) }];
      if (random() < 0.3) items.push({ product: pick(PRODUCTS), quantity: 1 });
      const token = randomUUID().replace(/-/g, '');
      const lineItems = items.map((x, k) => ({
        id: k + 1,
        product_id: x.product.id,
        variant_id: x.product.id * 10,
        sku: `SKU-${x.product.id}`,
        title: x.product.title,
        variant_title: null,
        quantity: x.quantity,
        price: x.product.price.toFixed(2),
      }));
      const total = items.reduce((sum, x) => sum + x.product.price * x.quantity, 0);
      const checkout = {
        token,
        cart_token: token.slice(0, 16),
        email: customer.email,
        phone: customer.phone,
        customer,
        currency: 'USD',
        total_price: total.toFixed(2),
        subtotal_price: total.toFixed(2),
        line_items: lineItems,
        discount_codes: [],
        abandoned_checkout_url: `https://store.example.com/checkouts/${token}/recover`,
        buyer_accepts_marketing: true,
        buyer_accepts_sms_marketing: customer.phone !== null && random() < 0.5,
        created_at: new Date(t).toISOString(),
        updated_at: new Date(t).toISOString(),
        completed_at: null,
      };
      deliveries.push({ topic: 'checkouts/create', at: new Date(t), payload: checkout });
      if (random() < 0.25) continue; // abandoned
      const placedAt = new Date(t + (5 + random() * 40) * 60_000);
      const discount = couponShopper && random() < 0.7;
      orderId++;
      deliveries.push({
        topic: 'orders/create',
        at: placedAt,
        payload: {
          id: orderId,
          order_number: orderId - 4_000_000,
          name: `#${orderId - 4_000_000}`,
          checkout_token: token,
          email: customer.email,
          phone: customer.phone,
          customer,
          currency: 'USD',
          financial_status: 'paid',
          fulfillment_status: null,
          total_price: (discount ? total * 0.9 : total).toFixed(2),
          subtotal_price: total.toFixed(2),
          total_discounts: discount ? (total * 0.1).toFixed(2) : '0.00',
          discount_codes: discount
            ? [{ code: 'SAVE10', amount: (total * 0.1).toFixed(2), type: 'percentage' }]
            : [],
          line_items: lineItems,
          buyer_accepts_marketing: true,
          created_at: placedAt.toISOString(),
          processed_at: placedAt.toISOString(),
          updated_at: placedAt.toISOString(),
          cancelled_at: null,
          cancel_reason: null,
        },
      });
    }
  }
  return deliveries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function signShopify(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Sends deliveries in order with bounded concurrency; resolves with counts by HTTP status. */
export async function sendDeliveries(
  deliveries: ShopifyDelivery[],
  target: { url: string; secret: string; concurrency: number },
  onProgress?: (sent: number) => void,
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++];
      const body = JSON.stringify(d.payload);
      const res = await fetch(`${target.url.replace(/\/$/, '')}/webhooks/shopify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': d.topic,
          'x-shopify-hmac-sha256': signShopify(body, target.secret),
          'x-shopify-event-id': randomUUID(),
          'x-shopify-webhook-id': randomUUID(),
          'x-shopify-shop-domain': 'simulated-store.myshopify.com',
        },
        body,
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (next % 500 === 0) onProgress?.(next);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, target.concurrency) }, worker));
  return statuses;
}
