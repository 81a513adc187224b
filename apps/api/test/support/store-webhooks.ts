/**
 * A generated store history (libs/testing's StoreHistory) as the webhook deliveries Shopify would
 * have sent over the years: the same bulk lines turned into webhook payloads by libs/shopify, per
 * customer in time order (customers/create, then customers/update and each order's orders/create,
 * orders/fulfilled, orders/cancelled as they happened); guests form their own lanes.
 */
import {
  customerWebhookPayload,
  orderWebhookPayload,
  type BulkCustomerLine,
  type BulkLineItemLine,
  type BulkOrderLine,
} from '@waypoint/shopify';
import type { StoreHistory } from '@waypoint/testing';

export type WebhookLane = Array<{ topic: string; payload: Record<string, unknown> }>;

export function webhookLanes(history: StoreHistory): WebhookLane[] {
  const lanes = new Map<string, Array<{ at: string; topic: string; payload: Record<string, unknown> }>>();
  const lane = (key: string) => {
    let found = lanes.get(key);
    if (!found) lanes.set(key, (found = []));
    return found;
  };
  for (const line of history.customers()) {
    const c = line as unknown as BulkCustomerLine;
    const payload = customerWebhookPayload(c) as unknown as Record<string, unknown>;
    lane(c.id).push({ at: '', topic: 'customers/create', payload });
    if (c.updatedAt !== c.createdAt) lane(c.id).push({ at: c.updatedAt, topic: 'customers/update', payload });
  }
  for (const line of history.orders()) {
    const order = line.order as unknown as BulkOrderLine;
    const payload = orderWebhookPayload(order, line.items as unknown as BulkLineItemLine[]);
    const events = lane(order.customer?.id ?? `guest:${order.email}`);
    events.push({ at: payload.created_at, topic: 'orders/create', payload: { ...payload } });
    const fulfilledAt = payload.fulfillments.at(-1)?.created_at;
    if (fulfilledAt)
      events.push({
        at: fulfilledAt,
        topic: 'orders/fulfilled',
        payload: { ...payload, updated_at: fulfilledAt },
      });
    if (payload.cancelled_at)
      events.push({ at: payload.cancelled_at, topic: 'orders/cancelled', payload: { ...payload } });
  }
  // customers/create first (at ''), then by time; a stable sort keeps an order's placement before its follow-ups.
  return [...lanes.values()].map((events) =>
    events
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map(({ topic, payload }) => ({ topic, payload })),
  );
}
