/**
 * The `checkouts` projection: each checkout's newest cart and whether it was completed, written
 * inside the transaction that stores the checkout or order event, and one customer's checkouts as
 * support reads them. The rules (newer version wins, completion only moves forward) are in the SQL.
 */
import type { Query } from '../database';

/** The columns a newer version of the checkout replaces. */
const CART_COLUMNS = [
  'customer_id',
  'cart_token',
  'line_items',
  'item_count',
  'currency',
  'total_price',
  'subtotal_price',
  'discount_codes',
  'abandoned_checkout_url',
  'shopify_updated_at',
  'cart_event_id',
];

/** A cart as the projection stores it (lists as JSON text). */
export interface CheckoutCart {
  lineItems: string;
  itemCount: unknown;
  currency: string | null;
  totalPrice: number | null;
  subtotalPrice: number | null;
  discountCodes: string;
}

const cartParams = (cart: CheckoutCart): unknown[] => [
  cart.lineItems,
  cart.itemCount,
  cart.currency,
  cart.totalPrice,
  cart.subtotalPrice,
  cart.discountCodes,
];

/**
 * A version of the checkout from its own events: replaces the cart only when `version` (Shopify's
 * `updated_at`) is newer than the one stored; completion keeps the earliest time known.
 */
export async function upsertCheckoutVersion(
  query: Query,
  checkout: {
    token: string;
    customerId: string;
    cartToken: string | null;
    cart: CheckoutCart;
    abandonedCheckoutUrl: string | null;
    version: Date;
    eventId: string;
    completedAt: Date | null;
  },
): Promise<void> {
  const newer = 'c.shopify_updated_at IS NULL OR EXCLUDED.shopify_updated_at > c.shopify_updated_at';
  await query(
    `INSERT INTO checkouts AS c (token, customer_id, cart_token, line_items, item_count, currency, total_price,
              subtotal_price, discount_codes, abandoned_checkout_url, shopify_updated_at, cart_event_id, completed_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)
       ON CONFLICT (token) DO UPDATE SET
         ${CART_COLUMNS.map((col) => `${col} = CASE WHEN ${newer} THEN EXCLUDED.${col} ELSE c.${col} END`).join(',\n         ')},
         completed_at = LEAST(c.completed_at, EXCLUDED.completed_at),
         updated_at = now()`,
    [
      checkout.token,
      checkout.customerId,
      checkout.cartToken,
      ...cartParams(checkout.cart),
      checkout.abandonedCheckoutUrl,
      checkout.version,
      checkout.eventId,
      checkout.completedAt,
    ],
  );
}

/**
 * An order completes its checkout. Until the checkout's own events arrive, the order's items
 * stand in for the cart (shopify_updated_at stays null, so any checkout version replaces them).
 */
export async function completeCheckout(
  query: Query,
  order: {
    token: string;
    customerId: string;
    cart: CheckoutCart;
    completedAt: Date;
    orderId: string | null;
    orderName: string | null;
  },
): Promise<void> {
  await query(
    `INSERT INTO checkouts AS c (token, customer_id, line_items, item_count, currency, total_price, subtotal_price,
            discount_codes, completed_at, order_id, order_name)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
     ON CONFLICT (token) DO UPDATE SET
       completed_at = LEAST(c.completed_at, EXCLUDED.completed_at),
       order_id = COALESCE(c.order_id, EXCLUDED.order_id),
       order_name = COALESCE(c.order_name, EXCLUDED.order_name),
       updated_at = now()`,
    [
      order.token,
      order.customerId,
      ...cartParams(order.cart),
      order.completedAt,
      order.orderId,
      order.orderName,
    ],
  );
}

/** A checkout as support sees it. */
export interface CustomerCheckoutRow {
  token: string;
  status: 'open' | 'completed';
  cartToken: string | null;
  lineItems: unknown[];
  itemCount: number | null;
  currency: string | null;
  totalPrice: number | null;
  subtotalPrice: number | null;
  discountCodes: string[];
  abandonedCheckoutUrl: string | null;
  /** Shopify's `updated_at` of the version held; null while only the order is known. */
  updatedAt: Date | null;
  completedAt: Date | null;
  orderId: string | null;
  orderName: string | null;
}

/** One customer's checkouts, newest first, at most 200. */
export async function checkoutsOfCustomer(query: Query, customerId: string): Promise<CustomerCheckoutRow[]> {
  return (await query(
    `SELECT token, CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END AS status,
            cart_token AS "cartToken", line_items AS "lineItems", item_count AS "itemCount", currency,
            total_price::float AS "totalPrice", subtotal_price::float AS "subtotalPrice",
            discount_codes AS "discountCodes", abandoned_checkout_url AS "abandonedCheckoutUrl",
            shopify_updated_at AS "updatedAt", completed_at AS "completedAt",
            order_id AS "orderId", order_name AS "orderName"
       FROM checkouts WHERE customer_id = $1
      ORDER BY COALESCE(shopify_updated_at, created_at) DESC LIMIT 200`,
    [customerId],
  )) as unknown as CustomerCheckoutRow[];
}
