/**
 * The `checkouts` table: each checkout's current cart and whether it was completed, kept inside
 * the transaction that stores the event. Deliveries repeat and arrive out of order, so:
 * - a checkout event replaces the cart only when its Shopify `updated_at` is newer than the one
 *   stored (an older `checkouts/update` arriving late changes nothing);
 * - completion only moves forward: an order naming the checkout token completes it, and creates
 *   the row if the checkout's own events have not arrived yet; a later stale update keeps it
 *   completed (the earliest completion time known wins).
 */
import type { Query } from '@waypoint/data';
import type { IncomingEvent } from '../events/incoming-event';

const CHECKOUT_EVENTS = new Set(['checkout.started', 'checkout.updated']);
const ORDER_EVENTS = new Set(['order.placed', 'order.paid', 'order.fulfilled', 'order.cancelled']);

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

function tokenOf(event: IncomingEvent): string | null {
  const token = event.properties.checkoutToken;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : null;
}

/** Whether storing this event changes the checkouts table (so it cannot take the bulk path). */
export function projectsCheckout(event: IncomingEvent): boolean {
  return (CHECKOUT_EVENTS.has(event.type) || ORDER_EVENTS.has(event.type)) && tokenOf(event) !== null;
}

const money = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};
const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const instant = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
};
const list = (value: unknown): string => JSON.stringify(Array.isArray(value) ? value : []);

/** line_items, item_count, currency, total_price, subtotal_price, discount_codes, in that order. */
function cartOf(p: Record<string, unknown>): unknown[] {
  return [
    list(p.lineItems),
    Number.isInteger(p.itemCount) ? p.itemCount : null,
    textOrNull(p.currency),
    money(p.totalPrice),
    money(p.subtotalPrice),
    list(p.discountCodes),
  ];
}

/** Applies a stored event to its checkout's row; does nothing for other events. */
export async function projectCheckout(
  query: Query,
  event: IncomingEvent,
  customerId: string,
  eventId: string,
): Promise<void> {
  const token = tokenOf(event);
  if (!token) return;
  const p = event.properties;
  if (CHECKOUT_EVENTS.has(event.type)) {
    // An event from the event API may carry no Shopify stamp: when it happened is its version.
    const version = instant(p.updatedAt) ?? event.occurredAt;
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
        token,
        customerId,
        textOrNull(p.cartToken),
        ...cartOf(p),
        textOrNull(p.abandonedCheckoutUrl),
        version,
        eventId,
        instant(p.completedAt),
      ],
    );
    return;
  }
  // An order: the checkout is completed. Until the checkout's own events arrive, the order's
  // items stand in for the cart (shopify_updated_at stays null, so any checkout version replaces them).
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
      token,
      customerId,
      ...cartOf(p),
      event.occurredAt,
      p.orderId === undefined || p.orderId === null ? null : String(p.orderId),
      textOrNull(p.orderName),
    ],
  );
}
