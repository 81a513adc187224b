/**
 * `orders/create|paid|fulfilled|cancelled` as `order.placed|paid|fulfilled|cancelled`. Every
 * order event carries the whole order (totals, items, statuses), so whichever delivery arrives
 * first, or again, describes the order fully; `usedDiscount` feeds the full-price vs coupon
 * shopper split and `totalPrice` the customer's value.
 */
import type { ShopifyOrderPayload } from '@waypoint/contract';
import { shopifyMarketingConsents } from './shopify-consent.mapper';
import { parseOptionalShopifyMoney, parseShopifyMoney } from './shopify-money';
import { ShopifyPayloadError } from './shopify-payload.error';
import {
  buyerProfile,
  discountCodeList,
  firstInstant,
  flag,
  idText,
  isoInstant,
  readLineItems,
  text,
} from './shopify-purchase';
import type { Mapper } from './shopify-topics';

type OrderStamp = 'created_at' | 'updated_at' | 'processed_at' | 'cancelled_at';

/** A mapper for one order topic; `stamps` say, in order of preference, when it happened. */
export function orderEvent(type: string, stamps: OrderStamp[]): Mapper {
  return (raw, receivedAt) => {
    const payload = raw as Partial<ShopifyOrderPayload>;
    const orderId = idText(payload.id);
    if (!orderId) throw new ShopifyPayloadError('id', 'the order payload has no "id"');
    const customer = buyerProfile(payload, 'order');
    const { lineItems, itemCount } = readLineItems(payload.line_items);
    const discountCodes = discountCodeList(payload.discount_codes);
    const totalDiscounts = parseOptionalShopifyMoney(payload.total_discounts, 'total_discounts');
    const occurredAt = firstInstant(
      stamps.map((stamp) => payload[stamp]),
      receivedAt,
    );
    return {
      type,
      occurredAt,
      properties: {
        orderId,
        orderNumber: typeof payload.order_number === 'number' ? payload.order_number : null,
        orderName: text(payload.name),
        checkoutToken: text(payload.checkout_token),
        currency: text(payload.currency),
        totalPrice: parseShopifyMoney(payload.total_price, 'total_price'),
        subtotalPrice: parseOptionalShopifyMoney(payload.subtotal_price, 'subtotal_price'),
        totalDiscounts,
        discountCodes,
        // Automatic discounts carry no code but still make this a discounted, not full-price, order.
        usedDiscount: discountCodes.length > 0 || (totalDiscounts ?? 0) > 0,
        lineItems,
        itemCount,
        financialStatus: text(payload.financial_status),
        fulfillmentStatus: text(payload.fulfillment_status),
        cancelledAt: isoInstant(payload.cancelled_at),
        cancelReason: text(payload.cancel_reason),
        acceptsMarketing: flag(payload.buyer_accepts_marketing),
      },
      customer,
      // A registered buyer's object carries their consent as of this order.
      consents: shopifyMarketingConsents(payload.customer, occurredAt),
    };
  };
}
