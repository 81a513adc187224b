/**
 * A generated store history for import tests and the benchmark: customers (national-format and
 * E.164 phones, every marketing consent state, guests among the buyers) and orders (line items,
 * discount codes, automatic discounts, cancellations, fulfillments), written as the JSONL of a
 * Shopify bulk export (orders grouped: an order's line, then its line items' lines). The same
 * lines, as the webhook deliveries Shopify would have sent, are apps/api/test/support/store-webhooks.ts.
 *
 * Deterministic for a seed. Times are whole days (plus 0.3 day) before `anchor`, so lifecycle
 * thresholds never fall between two computations a few seconds apart.
 */
import { createWriteStream } from 'node:fs';

/*
 * The lines' shapes are Shopify's bulk export's (libs/shopify bulk-queries.ts: BulkCustomerLine,
 * BulkOrderLine, BulkLineItemLine), kept loose here: this lib does not depend on the one it tests.
 */
type Line = Record<string, unknown>;

export interface StoreHistoryOptions {
  customers: number;
  orders: number;
  seed?: number;
  anchor?: Date;
  /** A broken line added to the orders file after this many orders (not replacing one). */
  malformedAfterOrder?: number;
}

/** The products orders draw from; the first three are consumables (see CONSUMABLE_DAYS). */
export const PRODUCT_IDS = [101, 102, 103, 104, 105, 106];
export const CONSUMABLE_DAYS: Record<string, number> = { '101': 30, '102': 45, '103': 60 };

const STATES = ['SUBSCRIBED', 'NOT_SUBSCRIBED', 'UNSUBSCRIBED', 'PENDING', 'REDACTED', 'INVALID'];
const LEVELS = ['SINGLE_OPT_IN', 'CONFIRMED_OPT_IN', 'UNKNOWN', null] as const;
const DAY = 86_400_000;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class StoreHistory {
  readonly anchor: Date;
  private readonly options: Required<Omit<StoreHistoryOptions, 'malformedAfterOrder'>> &
    Pick<StoreHistoryOptions, 'malformedAfterOrder'>;

  constructor(options: StoreHistoryOptions) {
    this.anchor = options.anchor ?? new Date();
    this.options = { seed: 12, anchor: this.anchor, ...options };
  }

  private at(daysAgo: number): string {
    return new Date(this.anchor.getTime() - (daysAgo + 0.3) * DAY).toISOString();
  }

  /** Every customer line, in id order. */
  *customers(): Generator<Line> {
    const rnd = random(this.options.seed);
    for (let i = 1; i <= this.options.customers; i++) {
      const created = 200 + Math.floor(rnd() * 700);
      const updated = rnd() < 0.3 ? Math.max(0, created - 1 - Math.floor(rnd() * 100)) : created;
      const phoneKind = i % 4; // none, national, E.164, national with spaces
      const phone =
        phoneKind === 0
          ? null
          : phoneKind === 1
            ? `(415) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`
            : phoneKind === 2
              ? `+33612${String(100000 + i).slice(-6)}`
              : `06 12 ${String(10 + (i % 90))} ${String(10 + ((i * 7) % 90))} ${String(10 + ((i * 3) % 90))}`;
      yield {
        id: `gid://shopify/Customer/${1000 + i}`,
        firstName: i % 11 === 0 ? null : `First${i}`,
        lastName: `Last${i}`,
        locale: i % 3 === 0 ? 'fr' : 'en',
        tags: i % 5 === 0 ? ['vip-prospect', 'newsletter'] : [],
        createdAt: this.at(created),
        updatedAt: this.at(updated),
        defaultEmailAddress:
          i % 17 === 0
            ? null
            : {
                emailAddress: i % 9 === 0 ? `Shopper.${i}@Example.COM` : `shopper.${i}@example.com`,
                marketingState: STATES[i % STATES.length],
                marketingOptInLevel: LEVELS[i % LEVELS.length],
                marketingUpdatedAt: this.at(updated),
              },
        defaultPhoneNumber: phone
          ? {
              phoneNumber: phone,
              marketingState: STATES[(i + 2) % STATES.length],
              marketingOptInLevel: LEVELS[(i + 1) % LEVELS.length],
              marketingUpdatedAt: this.at(updated),
              marketingCollectedFrom: i % 2 === 0 ? 'SHOPIFY' : 'OTHER',
            }
          : null,
        defaultAddress:
          i % 6 === 0 ? null : { countryCodeV2: 'FR', provinceCode: null, city: 'Lyon', zip: '69001' },
      };
    }
  }

  /** Every order with its line items, oldest first. */
  *orders(): Generator<{ order: Line; items: Line[] }> {
    const rnd = random(this.options.seed + 1);
    const n = this.options.orders;
    for (let i = 1; i <= n; i++) {
      // Oldest first, spread over two years; customers reorder, some often.
      const daysAgo = Math.floor(((n - i) / n) * 700 * (0.6 + rnd() * 0.4));
      const guest = i % 23 === 0;
      const customerNumber = 1 + Math.floor(Math.pow(rnd(), 1.6) * this.options.customers);
      const orderId = `gid://shopify/Order/${5000 + i}`;
      const itemCount = 1 + Math.floor(rnd() * 3);
      const items: Line[] = [];
      let subtotal = 0;
      for (let k = 0; k < itemCount; k++) {
        const product = PRODUCT_IDS[Math.floor(rnd() * PRODUCT_IDS.length)];
        const quantity = 1 + Math.floor(rnd() * 2);
        const price = (10 + Math.floor(rnd() * 90) + (rnd() < 0.5 ? 0.5 : 0.99)).toFixed(2);
        subtotal += Number(price) * quantity;
        items.push({
          id: `gid://shopify/LineItem/${i * 10 + k}`,
          sku: `SKU-${product}`,
          title: `Product ${product}`,
          quantity,
          product: { id: `gid://shopify/Product/${product}` },
          variant: { id: `gid://shopify/ProductVariant/${product}1` },
          originalUnitPriceSet: { shopMoney: { amount: price, currencyCode: 'EUR' } },
          __parentId: orderId,
        });
      }
      const coded = i % 7 === 0;
      const automatic = !coded && i % 13 === 0;
      const discount = coded || automatic ? Math.round(subtotal * 0.1 * 100) / 100 : 0;
      const total = (subtotal - discount).toFixed(2);
      const cancelled = i % 19 === 0;
      const fulfilled = !cancelled && daysAgo > 3 && i % 4 !== 0;
      const email = guest
        ? `guest.${i % 50}@example.com`
        : i % 29 === 0
          ? null
          : `shopper.${customerNumber}@example.com`;
      yield {
        order: {
          id: orderId,
          name: `#${1000 + i}`,
          email,
          createdAt: this.at(daysAgo),
          updatedAt: this.at(Math.max(0, daysAgo - 2)),
          processedAt: this.at(daysAgo),
          cancelledAt: cancelled ? this.at(Math.max(0, daysAgo - 1)) : null,
          cancelReason: cancelled ? 'CUSTOMER' : null,
          currencyCode: 'EUR',
          displayFinancialStatus: cancelled ? 'REFUNDED' : 'PAID',
          displayFulfillmentStatus: fulfilled ? 'FULFILLED' : 'UNFULFILLED',
          customerAcceptsMarketing: i % 3 === 0,
          customer: guest ? null : { id: `gid://shopify/Customer/${1000 + customerNumber}` },
          totalPriceSet: { shopMoney: { amount: total, currencyCode: 'EUR' } },
          subtotalPriceSet: { shopMoney: { amount: subtotal.toFixed(2), currencyCode: 'EUR' } },
          totalDiscountsSet: { shopMoney: { amount: discount.toFixed(2), currencyCode: 'EUR' } },
          discountCodes: coded ? [`SAVE${i % 3}`] : [],
          fulfillments: fulfilled ? [{ createdAt: this.at(Math.max(0, daysAgo - 2)) }] : [],
        },
        items,
      };
    }
  }

  /** The customers' bulk JSONL; returns its line count. */
  writeCustomers(file: string): Promise<number> {
    const customers = this.customers();
    return writeLines(
      file,
      (function* () {
        for (const c of customers) yield JSON.stringify(c);
      })(),
    );
  }

  /** The orders' bulk JSONL, grouped; with `malformedAfterOrder`, one broken line more. */
  writeOrders(file: string): Promise<number> {
    const orders = this.orders();
    const brokenAfter = this.options.malformedAfterOrder;
    return writeLines(
      file,
      (function* () {
        let count = 0;
        for (const { order, items } of orders) {
          yield JSON.stringify(order);
          for (const item of items) yield JSON.stringify(item);
          count += 1;
          if (count === brokenAfter) yield '{"id":"gid://shopify/Order/broken", "name": ';
        }
      })(),
    );
  }
}

/** Writes the lines a thousand at a time, waiting when the file is behind: memory stays flat. */
async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  let chunk: string[] = [];
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for (const line of lines) {
    chunk.push(line);
    count += 1;
    if (chunk.length === 1000) {
      await write(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(chunk.join('\n') + '\n');
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return count;
}
