/**
 * The product's words, defined once: event names, lifecycle stages, roles, channels, run statuses
 * and step outcomes. The API, the worker, the workflow, the contract and the editor import them
 * from here (docs/product.md describes what each means). No zod here: the workflow bundle reads
 * these too.
 */

/** Canonical event names (docs/product.md, "Events"). */
export const EVENT = {
  customerCreated: 'customer.created',
  customerUpdated: 'customer.updated',
  productViewed: 'product.viewed',
  cartUpdated: 'cart.updated',
  checkoutStarted: 'checkout.started',
  checkoutUpdated: 'checkout.updated',
  orderPlaced: 'order.placed',
  orderPaid: 'order.paid',
  orderFulfilled: 'order.fulfilled',
  orderCancelled: 'order.cancelled',
  /** A fulfillment left the store: {orderId, fulfillmentId, trackingUrl, trackingNumber, carrier, lineItems}. */
  orderShipped: 'order.shipped',
  /** The carrier says the order arrived: {orderId, fulfillmentId, deliveredAt, trackingNumber, carrier}. */
  orderDelivered: 'order.delivered',
  couponRedeemed: 'coupon.redeemed',
  lifecycleStageChanged: 'lifecycle.stage_changed',
  replenishmentDue: 'replenishment.due',
  /** A customer's date attribute came round (`trigger.date`): {attribute, date, year}; the birthday by the daily sweep. */
  dateReached: 'date.reached',
  messageDelivered: 'message.delivered',
  messageOpened: 'message.opened',
  messageClicked: 'message.clicked',
  messageBounced: 'message.bounced',
  smsInbound: 'sms.inbound',
  whatsappInbound: 'whatsapp.inbound',
  segmentEntered: 'segment.entered',
  segmentExited: 'segment.exited',
  surveyAnswered: 'survey.answered',
  /** A product a customer viewed or wanted is in stock again: {productId, variantId, title, url, image, price}. */
  productBackInStock: 'product.back_in_stock',
  /** A product a customer viewed or wanted got cheaper: the back-in-stock properties plus {previousPrice, drop}. */
  productPriceDropped: 'product.price_dropped',
  /** An order moved the customer's loyalty tier: {from, to, points, upgrade} (docs/product.md, Loyalty). */
  loyaltyTierChanged: 'loyalty.tier_changed',
} as const;
export type CanonicalEventType = (typeof EVENT)[keyof typeof EVENT];
export const CANONICAL_EVENT_TYPES: readonly CanonicalEventType[] = Object.values(EVENT);

/** Lifecycle stages, from the first visit to lapsed (docs/product.md, "Lifecycle"). */
export const LIFECYCLE_STAGES = [
  'lead',
  'first_time',
  'repeat',
  'loyal',
  'vip',
  'at_risk',
  'inactive',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Who a signed-in person is; admins may do everything. */
export const ROLES = ['admin', 'marketer', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_CATEGORIES = ['marketing', 'transactional'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

export const JOURNEY_STATUSES = ['draft', 'live', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const RUN_STATUSES = ['running', 'completed', 'exited', 'cancelled', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_OUTCOMES = ['completed', 'waiting', 'skipped', 'failed'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
