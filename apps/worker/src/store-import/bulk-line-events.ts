/**
 * A store's bulk export lines as the canonical events its webhooks would have produced: each line
 * becomes the webhook payload Shopify would have sent (libs/shopify's bulk-webhook-payloads.ts),
 * checked by the same payload schema and mapped by the same topic mapper as a signed delivery.
 *
 * - A customer: `customer.created` at its `createdAt`, and `customer.updated` at its `updatedAt`
 *   when it changed since.
 * - An order: `order.placed` at its `createdAt`; `order.fulfilled` at its last fulfillment;
 *   `order.cancelled` at its `cancelledAt`.
 * Idempotency keys come from the Shopify ids: a fact happens once per order (`…:placed`,
 * `…:cancelled`, `…:fulfilled`), a customer's profile once per `updatedAt` — so importing the
 * same store again stores nothing, and importing it after a change stores only the change.
 */
import { describeIssues } from '@waypoint/contract';
import type { IncomingEvent } from '@waypoint/data';
import {
  customerWebhookPayload,
  orderWebhookPayload,
  SHOPIFY_PAYLOADS,
  SHOPIFY_TOPICS,
  ShopifyPayloadError,
  type BulkCustomerLine,
  type BulkLineItemLine,
  type BulkOrderLine,
  type MappedShopifyEvent,
} from '@waypoint/shopify';

/** A line that cannot become an event, with the reason to count and report. */
export class MalformedObjectError extends Error {}

export function customerEvents(line: BulkCustomerLine, source: string, receivedAt: Date): IncomingEvent[] {
  const payload = asPayload(() => customerWebhookPayload(line));
  const created = mapped('customers/create', payload, receivedAt);
  const id = String(payload.id);
  const events = [incoming(created, source, `shopify-import:customer:${id}:created`)];
  if (payload.updated_at && payload.updated_at !== payload.created_at)
    events.push(
      incoming(
        mapped('customers/update', payload, receivedAt),
        source,
        `shopify-import:customer:${id}:updated:${payload.updated_at}`,
      ),
    );
  return events;
}

export function orderEvents(
  order: BulkOrderLine,
  items: BulkLineItemLine[],
  source: string,
  receivedAt: Date,
): IncomingEvent[] {
  const payload = asPayload(() => orderWebhookPayload(order, items));
  const key = `shopify-import:order:${String(payload.id)}`;
  const events = [incoming(mapped('orders/create', payload, receivedAt), source, `${key}:placed`)];
  const fulfilledAt = payload.fulfillments
    .map((f) => f.created_at)
    .filter(Boolean)
    .sort()
    .at(-1);
  if (fulfilledAt)
    // orders/fulfilled is stamped by the order's updated_at: here, when its last fulfillment happened.
    events.push(
      incoming(
        mapped('orders/fulfilled', { ...payload, updated_at: fulfilledAt }, receivedAt),
        source,
        `${key}:fulfilled`,
      ),
    );
  if (payload.cancelled_at)
    events.push(incoming(mapped('orders/cancelled', payload, receivedAt), source, `${key}:cancelled`));
  return events;
}

/** A bulk line missing what the payload needs (a broken export) is malformed, not a crash. */
function asPayload<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw new MalformedObjectError(`not a complete object: ${(error as Error).message}`);
  }
}

function mapped(topic: string, payload: unknown, receivedAt: Date): MappedShopifyEvent {
  const parsed = SHOPIFY_PAYLOADS[topic].safeParse(payload);
  if (!parsed.success) throw new MalformedObjectError(describeIssues(parsed.error));
  try {
    const event = SHOPIFY_TOPICS[topic](parsed.data, receivedAt);
    // The import maps only customer and order topics, which always make an event.
    if (!event) throw new MalformedObjectError(`${topic} made no event`);
    return event;
  } catch (error) {
    if (error instanceof ShopifyPayloadError)
      throw new MalformedObjectError(`${error.field}: ${error.message}`);
    throw error;
  }
}

/** As the webhook delivery service files a mapped event. */
function incoming(event: MappedShopifyEvent, source: string, idempotencyKey: string): IncomingEvent {
  return {
    ...event,
    optIns: event.properties.acceptsSmsMarketing === true ? ['sms'] : [],
    idempotencyKey,
    source,
  };
}
