/**
 * The `checkouts` table: each checkout's current cart and whether it was completed, kept inside
 * the transaction that stores the event. Deliveries repeat and arrive out of order, so:
 * - a checkout event replaces the cart only when its Shopify `updated_at` is newer than the one
 *   stored (an older `checkouts/update` arriving late changes nothing);
 * - completion only moves forward: an order naming the checkout token completes it, and creates
 *   the row if the checkout's own events have not arrived yet; a later stale update keeps it
 *   completed (the earliest completion time known wins).
 * The SQL is libs/data's checkouts/checkout.queries.ts; this reads the event into its columns.
 */
import { completeCheckout, upsertCheckoutVersion, type CheckoutCart, type Query } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import type { IncomingEvent } from '../events/incoming-event';

const CHECKOUT_EVENTS = new Set<string>([EVENT.checkoutStarted, EVENT.checkoutUpdated]);
const ORDER_EVENTS = new Set<string>([
  EVENT.orderPlaced,
  EVENT.orderPaid,
  EVENT.orderFulfilled,
  EVENT.orderCancelled,
]);

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

function cartOf(p: Record<string, unknown>): CheckoutCart {
  return {
    lineItems: list(p.lineItems),
    itemCount: Number.isInteger(p.itemCount) ? p.itemCount : null,
    currency: textOrNull(p.currency),
    totalPrice: money(p.totalPrice),
    subtotalPrice: money(p.subtotalPrice),
    discountCodes: list(p.discountCodes),
  };
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
    await upsertCheckoutVersion(query, {
      token,
      customerId,
      cartToken: textOrNull(p.cartToken),
      cart: cartOf(p),
      abandonedCheckoutUrl: textOrNull(p.abandonedCheckoutUrl),
      // An event from the event API may carry no Shopify stamp: when it happened is its version.
      version: instant(p.updatedAt) ?? event.occurredAt,
      eventId,
      completedAt: instant(p.completedAt),
    });
    return;
  }
  await completeCheckout(query, {
    token,
    customerId,
    cart: cartOf(p),
    completedAt: event.occurredAt,
    orderId: p.orderId === undefined || p.orderId === null ? null : String(p.orderId),
    orderName: textOrNull(p.orderName),
  });
}
