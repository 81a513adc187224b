/**
 * What the inspector offers in its pickers: the canonical event names (docs/product.md, Events; from the journey
 * lib's vocabulary), the customer attributes a condition can read (profile, consent, computed
 * values: docs/product.md, Computed attributes), and the event properties the storefront mappers produce. Pickers also accept
 * names not listed here (custom attributes live under `attributes.`), so this list guides rather
 * than limits.
 */
import { CANONICAL_EVENT_TYPES, EVENT, type CanonicalEventType } from '@waypoint/journey';

/** The events journeys listen for; `segment.*` events belong to the segment trigger alone. */
export const CANONICAL_EVENTS: readonly CanonicalEventType[] = CANONICAL_EVENT_TYPES.filter(
  (event) => event !== EVENT.segmentEntered && event !== EVENT.segmentExited,
);

export interface AttributeOption {
  path: string;
  label: string;
}

export const CUSTOMER_ATTRIBUTES: readonly AttributeOption[] = [
  { path: 'email', label: 'Email address' },
  { path: 'phone', label: 'Phone number' },
  { path: 'firstName', label: 'First name' },
  { path: 'timezone', label: 'Time zone' },
  { path: 'locale', label: 'Locale' },
  { path: 'consent.email', label: 'Email consent (opted_in / opted_out)' },
  { path: 'consent.sms', label: 'SMS consent (opted_in / opted_out)' },
  { path: 'consent.whatsapp', label: 'WhatsApp consent (opted_in / opted_out)' },
  { path: 'ordersCount', label: 'Orders count' },
  { path: 'totalSpent', label: 'Total spent (historic CLTV)' },
  { path: 'averageOrderValue', label: 'Average order value' },
  { path: 'firstOrderAt', label: 'First order date' },
  { path: 'lastOrderAt', label: 'Last order date' },
  { path: 'meanDaysBetweenOrders', label: 'Mean days between orders' },
  { path: 'discountShare', label: 'Share of orders with a discount' },
  { path: 'lifecycleStage', label: 'Lifecycle stage' },
  { path: 'loyaltyPoints', label: 'Loyalty points' },
  { path: 'loyaltyTier', label: 'Loyalty tier' },
  { path: 'attributes.replenish_at', label: 'Replenishment date (custom attribute)' },
  { path: 'attributes.birthday', label: 'Birthday (custom attribute)' },
];

/** Date attributes for `trigger.date` and `wait.until`. */
export const DATE_ATTRIBUTES: readonly AttributeOption[] = [
  { path: 'attributes.replenish_at', label: 'Replenishment date' },
  { path: 'attributes.birthday', label: 'Birthday' },
  { path: 'firstOrderAt', label: 'First order date' },
  { path: 'lastOrderAt', label: 'Last order date' },
  { path: 'createdAt', label: 'Customer since' },
];

export const EVENT_PROPERTIES: readonly AttributeOption[] = [
  { path: 'totalPrice', label: 'Order or cart total' },
  { path: 'currency', label: 'Currency' },
  { path: 'checkoutToken', label: 'Checkout token' },
  { path: 'orderId', label: 'Order id' },
  { path: 'hasConsumable', label: 'Contains a consumable product' },
  { path: 'discountCodes', label: 'Discount codes' },
  { path: 'lineItems', label: 'Line items' },
  { path: 'to', label: 'New lifecycle stage (lifecycle.stage_changed)' },
  { path: 'code', label: 'Coupon code (coupon.redeemed)' },
  { path: 'journeyId', label: 'Journey that issued the coupon (coupon.redeemed)' },
  { path: 'amount', label: 'Discount the coupon gave (coupon.redeemed)' },
  { path: 'upgrade', label: 'Moved up a loyalty tier (loyalty.tier_changed)' },
];

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
