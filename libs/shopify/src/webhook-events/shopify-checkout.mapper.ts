/**
 * `checkouts/create` and `checkouts/update` as `checkout.started` / `checkout.updated`. The
 * checkout token keys the abandoned-cart journey, so a later update refreshes the same run;
 * `completedAt` stays null while the checkout is abandoned; `updatedAt` is Shopify's version stamp.
 */
import type { ShopifyCheckoutPayload } from '@waypoint/contract';
import { shopifyMarketingConsents } from './shopify-consent.mapper';
import { parseOptionalShopifyMoney, parseShopifyMoney } from './shopify-money';
import { ShopifyPayloadError } from './shopify-payload.error';
import {
  buyerProfile,
  discountCodeList,
  firstInstant,
  flag,
  isoInstant,
  readLineItems,
  text,
} from './shopify-purchase';
import type { Mapper } from './shopify-topics';

type CheckoutStamp = 'created_at' | 'updated_at';

/** A mapper for one checkout topic; `stamps` say, in order of preference, when it happened. */
export function checkoutEvent(type: string, stamps: CheckoutStamp[]): Mapper {
  return (raw, receivedAt) => {
    const payload = raw as Partial<ShopifyCheckoutPayload>;
    const checkoutToken = text(payload.token);
    if (!checkoutToken) throw new ShopifyPayloadError('token', 'the checkout payload has no "token"');
    const customer = buyerProfile(payload, 'checkout');
    const { lineItems, itemCount } = readLineItems(payload.line_items);
    const occurredAt = firstInstant(
      stamps.map((stamp) => payload[stamp]),
      receivedAt,
    );
    return {
      type,
      occurredAt,
      properties: {
        checkoutToken,
        cartToken: text(payload.cart_token),
        abandonedCheckoutUrl: text(payload.abandoned_checkout_url),
        currency: text(payload.currency),
        totalPrice: parseShopifyMoney(payload.total_price, 'total_price'),
        subtotalPrice: parseOptionalShopifyMoney(payload.subtotal_price, 'subtotal_price'),
        discountCodes: discountCodeList(payload.discount_codes),
        lineItems,
        itemCount,
        acceptsMarketing: flag(payload.buyer_accepts_marketing),
        acceptsSmsMarketing: flag(payload.buyer_accepts_sms_marketing),
        completedAt: isoInstant(payload.completed_at),
        // Which version of the checkout this is: deliveries arrive out of order, and the
        // checkouts projection keeps only the newest (see checkout-projection.ts).
        updatedAt: isoInstant(payload.updated_at),
      },
      customer,
      // A registered buyer's object carries their consent as of this checkout.
      consents: shopifyMarketingConsents(payload.customer, occurredAt),
    };
  };
}
