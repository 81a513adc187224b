/**
 * What an order does to the customer, inside the transaction that stores it: marks the order
 * event with its consumables (`hasConsumable`, for the replenishment journey), records the
 * purchase per product (replenish_at), awards or backs out loyalty points, and recomputes the
 * computed attributes, lifecycle stage and loyalty tier (a change becomes a lifecycle.stage_changed
 * or loyalty.tier_changed event).
 * An order (placed or paid) that used a coupon a journey issued redeems it (coupon.redeemed).
 */
import {
  awardOrderPoints,
  consumablesIn,
  loadLifecycleSettings,
  recomputeCustomer,
  recordPurchases,
  type OrderLine,
} from '@waypoint/customer-value';
import { countOrderEvents, couponUsesOf, redeemCoupons, type Query } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import type { IncomingEvent } from './incoming-event';

const ORDER_EVENTS = new Set<string>([EVENT.orderPlaced, EVENT.orderCancelled]);

function linesOf(event: IncomingEvent): OrderLine[] {
  const items = event.properties.lineItems;
  return Array.isArray(items)
    ? items.map((i: Record<string, unknown>) => ({
        productId: i.productId === null || i.productId === undefined ? null : String(i.productId),
        quantity: Number(i.quantity) || 1,
      }))
    : [];
}

/** Adds what routing needs to know to the order's properties, before it is stored. */
export async function enrichOrder(query: Query, event: IncomingEvent): Promise<IncomingEvent> {
  if (event.type !== EVENT.orderPlaced) return event;
  const lines = linesOf(event);
  const consumables = await consumablesIn(query, lines);
  return {
    ...event,
    properties: {
      ...event.properties,
      hasConsumable: consumables.size > 0,
      // In the order's own line order (an import marks its orders the same way).
      consumableProductIds: [
        ...new Set(
          lines.map((l) => l.productId).filter((id): id is string => id !== null && consumables.has(id)),
        ),
      ],
    },
  };
}

/** Applies the order to the customer; returns the ids of events it produced (to route). */
export async function applyOrder(query: Query, event: IncomingEvent, customerId: string): Promise<string[]> {
  if (!ORDER_EVENTS.has(event.type)) return [];
  const settings = await loadLifecycleSettings(query);
  const total = Number(event.properties.totalPrice);
  // Points move once per order, however often the order's delivery repeats.
  const firstOfItsKind = (await sameOrderEvents(query, customerId, event)) === 1;
  if (event.type === EVENT.orderPlaced) {
    await recordPurchases(query, customerId, linesOf(event), event.occurredAt);
    if (firstOfItsKind && Number.isFinite(total))
      await awardOrderPoints(query, customerId, total, settings, 1);
  } else if (firstOfItsKind && Number.isFinite(total)) {
    await awardOrderPoints(query, customerId, total, settings, -1);
  }
  const changes = await recomputeCustomer(query, customerId, settings, new Date());
  return [changes.stage?.eventId, changes.tier?.eventId].filter((id): id is string => !!id);
}

async function sameOrderEvents(query: Query, customerId: string, event: IncomingEvent): Promise<number> {
  const orderId = event.properties.orderId;
  if (orderId === undefined || orderId === null) return 1;
  return countOrderEvents(query, customerId, event.type, String(orderId));
}

/** Redeems the issued coupons the order used; returns the coupon.redeemed events to route. */
export async function redeemIssuedCoupons(query: Query, event: IncomingEvent): Promise<string[]> {
  const redeemed = await redeemCoupons(query, couponUsesOf(event));
  return redeemed.map((r) => r.eventId).filter((id): id is string => id !== null);
}
