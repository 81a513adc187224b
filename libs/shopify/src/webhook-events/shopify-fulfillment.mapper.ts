/**
 * `fulfillments/create` as `order.shipped` (with the tracking link, number and carrier) and
 * `fulfillments/update` whose `shipment_status` is `delivered` as `order.delivered`; other
 * updates (in transit, out for delivery, …) are not events. A fulfillment names its order, not
 * its customer: the event is filed under the customer who placed the order (`customerOfOrder`,
 * resolved by the API from the stored order), else the order's email.
 */
import type { ShopifyFulfillmentPayload } from '@waypoint/contract';
import { EVENT } from '@waypoint/journey';
import { ShopifyPayloadError } from './shopify-payload.error';
import { firstInstant, idText, readLineItems, text } from './shopify-purchase';
import type { MappedShopifyEvent, Mapper } from './shopify-topics';

/** Shopify's `shipment_status` once the carrier reports the parcel handed over. */
export const SHIPMENT_DELIVERED = 'delivered';

function fulfillmentBase(payload: Partial<ShopifyFulfillmentPayload>) {
  const orderId = idText(payload.order_id);
  if (!orderId) throw new ShopifyPayloadError('order_id', 'the fulfillment payload has no "order_id"');
  const fulfillmentId = idText(payload.id);
  if (!fulfillmentId) throw new ShopifyPayloadError('id', 'the fulfillment payload has no "id"');
  // Only the order's email: the shipping destination may be someone else (a gift's recipient).
  const customer = { email: text(payload.email) };
  return { orderId, fulfillmentId, customer };
}

/** `fulfillments/create` → `order.shipped`. */
export const fulfillmentCreated: Mapper = (raw, receivedAt) => {
  const payload = raw as Partial<ShopifyFulfillmentPayload>;
  const { orderId, fulfillmentId, customer } = fulfillmentBase(payload);
  const { lineItems, itemCount } = readLineItems(payload.line_items);
  const trackingUrl = text(payload.tracking_url) ?? text(payload.tracking_urls?.[0]);
  const trackingNumber = text(payload.tracking_number) ?? text(payload.tracking_numbers?.[0]);
  return {
    type: EVENT.orderShipped,
    occurredAt: firstInstant([payload.created_at, payload.updated_at], receivedAt),
    properties: {
      orderId,
      fulfillmentId,
      fulfillmentName: text(payload.name),
      trackingUrl,
      trackingNumber,
      carrier: text(payload.tracking_company),
      shipmentStatus: text(payload.shipment_status),
      lineItems,
      itemCount,
    },
    customer,
    customerOfOrder: orderId,
  } satisfies MappedShopifyEvent;
};

/** `fulfillments/update` → `order.delivered` when the carrier says delivered; else no event. */
export const fulfillmentUpdated: Mapper = (raw, receivedAt) => {
  const payload = raw as Partial<ShopifyFulfillmentPayload>;
  const { orderId, fulfillmentId, customer } = fulfillmentBase(payload);
  if (text(payload.shipment_status) !== SHIPMENT_DELIVERED) return null;
  const occurredAt = firstInstant([payload.updated_at], receivedAt);
  return {
    type: EVENT.orderDelivered,
    occurredAt,
    properties: {
      orderId,
      fulfillmentId,
      fulfillmentName: text(payload.name),
      deliveredAt: occurredAt.toISOString(),
      trackingNumber: text(payload.tracking_number) ?? text(payload.tracking_numbers?.[0]),
      carrier: text(payload.tracking_company),
    },
    customer,
    customerOfOrder: orderId,
  } satisfies MappedShopifyEvent;
};
