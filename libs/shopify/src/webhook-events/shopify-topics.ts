/**
 * Shopify webhook topics mapped to canonical events: shared by the API (signed deliveries) and
 * the worker (history imported in bulk, turned into the same payloads). Payload shapes follow Shopify's Admin API
 * webhooks (ids are numbers, money arrives as strings). The customer topics are mapped here; the
 * checkout and order topics by their own mappers, registered in `SHOPIFY_TOPICS` below.
 */
import {
  shopifyCheckoutPayload,
  shopifyCustomerPayload,
  shopifyFulfillmentPayload,
  shopifyOrderPayload,
  type ShopifyCustomerPayload,
} from '@waypoint/contract';
import type { StoreConsent } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import type { z } from 'zod';
import type { CustomerProfileInput } from '@waypoint/data';
import { checkoutEvent } from './shopify-checkout.mapper';
import { shopifyMarketingConsents } from './shopify-consent.mapper';
import { fulfillmentCreated, fulfillmentUpdated } from './shopify-fulfillment.mapper';
import { orderEvent } from './shopify-order.mapper';
import { ShopifyPayloadError } from './shopify-payload.error';
import { flag, idText } from './shopify-purchase';

export { ShopifyPayloadError };

export interface MappedShopifyEvent {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  customer: CustomerProfileInput;
  /** The customer's marketing consent as the store reports it (shopify-consent.mapper.ts). */
  consents?: StoreConsent[];
  /**
   * The id of an order whose customer this event belongs to (a fulfillment names its order, not
   * its customer): the API files it under the customer who placed that order when it knows it.
   */
  customerOfOrder?: string;
}

/** Null: the delivery is not an event (a fulfillment update that is not a delivery). */
export type Mapper = (payload: Record<string, unknown>, receivedAt: Date) => MappedShopifyEvent | null;

function customerEvent(type: string): Mapper {
  return (raw, receivedAt) => {
    const payload = raw as ShopifyCustomerPayload;
    // An id that is not a number or text (an object, a list) is refused, never stored as "[object Object]".
    const customerId = idText(payload.id);
    if (!customerId) throw new ShopifyPayloadError('id', 'the customer payload has no "id"');
    const stamp = type === EVENT.customerCreated ? payload.created_at : payload.updated_at;
    const occurredAt =
      typeof stamp === 'string' && !Number.isNaN(Date.parse(stamp)) ? new Date(stamp) : receivedAt;
    return {
      type,
      occurredAt,
      properties: {
        shopifyCustomerId: customerId,
        acceptsMarketing: flag(payload.accepts_marketing),
        tags:
          typeof payload.tags === 'string'
            ? payload.tags
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean)
            : [],
        currency: stringOrNull(payload.currency),
      },
      customer: {
        externalId: customerId,
        email: stringOrNull(payload.email),
        phone: stringOrNull(payload.phone),
        firstName: stringOrNull(payload.first_name),
        lastName: stringOrNull(payload.last_name),
      },
      consents: shopifyMarketingConsents(payload, occurredAt),
    };
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export const SHOPIFY_TOPICS: Record<string, Mapper> = {
  'customers/create': customerEvent(EVENT.customerCreated),
  'customers/update': customerEvent(EVENT.customerUpdated),
  'checkouts/create': checkoutEvent(EVENT.checkoutStarted, ['created_at']),
  'checkouts/update': checkoutEvent(EVENT.checkoutUpdated, ['updated_at']),
  'orders/create': orderEvent(EVENT.orderPlaced, ['created_at', 'processed_at']),
  'orders/paid': orderEvent(EVENT.orderPaid, ['updated_at']),
  'orders/fulfilled': orderEvent(EVENT.orderFulfilled, ['updated_at']),
  'orders/cancelled': orderEvent(EVENT.orderCancelled, ['cancelled_at']),
  'fulfillments/create': fulfillmentCreated,
  'fulfillments/update': fulfillmentUpdated,
};

/** The payload each topic's mapper reads, checked after the signature (libs/contract's webhooks). */
export const SHOPIFY_PAYLOADS: Record<keyof typeof SHOPIFY_TOPICS, z.ZodType<Record<string, unknown>>> = {
  'customers/create': shopifyCustomerPayload,
  'customers/update': shopifyCustomerPayload,
  'checkouts/create': shopifyCheckoutPayload,
  'checkouts/update': shopifyCheckoutPayload,
  'orders/create': shopifyOrderPayload,
  'orders/paid': shopifyOrderPayload,
  'orders/fulfilled': shopifyOrderPayload,
  'orders/cancelled': shopifyOrderPayload,
  'fulfillments/create': shopifyFulfillmentPayload,
  'fulfillments/update': shopifyFulfillmentPayload,
};
