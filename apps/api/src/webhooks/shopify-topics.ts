/**
 * Shopify webhook topics mapped to canonical events. Payload shapes follow Shopify's Admin API
 * webhooks (ids are numbers, money arrives as strings). The customer topics are mapped here; the
 * checkout and order topics by their own mappers, registered in `SHOPIFY_TOPICS` below.
 */
import type { CustomerProfileInput } from '../events/incoming-event';
import { checkoutEvent } from './shopify-checkout.mapper';
import { orderEvent } from './shopify-order.mapper';
import { ShopifyPayloadError } from './shopify-payload.error';

export { ShopifyPayloadError };

export interface ShopifyCustomerPayload {
  id: number | string;
  email?: string | null;
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  created_at?: string;
  updated_at?: string;
  accepts_marketing?: boolean;
  tags?: string;
  currency?: string;
  default_address?: { country_code?: string | null; province_code?: string | null } | null;
}

export interface MappedShopifyEvent {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  customer: CustomerProfileInput;
}

export type Mapper = (payload: Record<string, unknown>, receivedAt: Date) => MappedShopifyEvent;

function customerEvent(type: string): Mapper {
  return (raw, receivedAt) => {
    const payload = raw as unknown as ShopifyCustomerPayload;
    if (payload.id === undefined || payload.id === null)
      throw new ShopifyPayloadError('id', 'the customer payload has no "id"');
    const stamp = type === 'customer.created' ? payload.created_at : payload.updated_at;
    const occurredAt = stamp && !Number.isNaN(Date.parse(stamp)) ? new Date(stamp) : receivedAt;
    return {
      type,
      occurredAt,
      properties: {
        shopifyCustomerId: String(payload.id),
        acceptsMarketing: payload.accepts_marketing ?? null,
        tags: payload.tags
          ? payload.tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
        currency: payload.currency ?? null,
      },
      customer: {
        externalId: String(payload.id),
        email: payload.email ?? null,
        phone: payload.phone ?? null,
        firstName: payload.first_name ?? null,
        lastName: payload.last_name ?? null,
      },
    };
  };
}

export const SHOPIFY_TOPICS: Record<string, Mapper> = {
  'customers/create': customerEvent('customer.created'),
  'customers/update': customerEvent('customer.updated'),
  'checkouts/create': checkoutEvent('checkout.started', ['created_at']),
  'checkouts/update': checkoutEvent('checkout.updated', ['updated_at']),
  'orders/create': orderEvent('order.placed', ['created_at', 'processed_at']),
  'orders/paid': orderEvent('order.paid', ['updated_at']),
  'orders/fulfilled': orderEvent('order.fulfilled', ['updated_at']),
  'orders/cancelled': orderEvent('order.cancelled', ['cancelled_at']),
};
