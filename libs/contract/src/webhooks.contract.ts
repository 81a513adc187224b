/**
 * What the signed webhooks carry and answer: the Shopify payloads the mappers read (customer,
 * checkout, order), SendGrid's event array, Twilio's form fields, and the dead-letter list
 * (`GET /v1/webhook-dead-letters`, admins). A payload is checked against these only after its
 * signature: a correctly signed delivery that fails them is answered 200 and kept as a dead letter
 * (docs/architecture.md, "How a webhook becomes an email"), so the provider does not retry it.
 *
 * The Shopify shapes follow the Admin REST webhooks: ids are JSON numbers, money is a decimal
 * string, most fields may be null. Only the fields the mappers read are typed; others pass through.
 */
import { z } from 'zod';
import { data, LIMITS, pageQuery, text } from './http';

/** A Shopify id: a whole number (as Shopify sends it) or text; never an object or a list. */
export const shopifyId = z.union([z.number().int().nonnegative(), text(LIMITS.nameLength)], {
  error: (issue) =>
    issue.input === undefined ? 'is required' : 'must be a Shopify id (a whole number or text)',
});
/** Money: "199.00" (Shopify) or a number; the mappers refuse anything that is not a decimal. */
export const shopifyMoney = z.union([text(64), z.number()], {
  error: 'must be an amount such as "199.00"',
});
const nullishText = (max: number = LIMITS.nameLength) => text(max).nullish();
const shopifyTime = text(64).nullish();

/**
 * A customer's `email_marketing_consent` / `sms_marketing_consent`: `state` (subscribed,
 * not_subscribed, pending, unsubscribed, redacted, invalid), `opt_in_level` (single_opt_in,
 * confirmed_opt_in, unknown), when it changed, and (SMS) where it was collected. Read leniently:
 * a state this engine does not know is still a state, mapped to the safe side.
 */
export const shopifyMarketingConsentPayload = z.looseObject({
  state: nullishText(64),
  opt_in_level: nullishText(64),
  consent_updated_at: shopifyTime,
  consent_collected_from: nullishText(64),
});
export type ShopifyMarketingConsentPayload = z.infer<typeof shopifyMarketingConsentPayload>;

/** Marketing consent as customers carry it; `accepts_marketing*` only in payloads of old API versions. */
const consentFields = {
  email_marketing_consent: shopifyMarketingConsentPayload.nullish(),
  sms_marketing_consent: shopifyMarketingConsentPayload.nullish(),
  accepts_marketing: z.boolean().nullish(),
  accepts_marketing_updated_at: shopifyTime,
};

/** The `customer` object inside checkouts and orders. */
export const shopifyBuyerPayload = z.looseObject({
  id: shopifyId.nullish(),
  email: nullishText(320),
  phone: nullishText(64),
  first_name: nullishText(),
  last_name: nullishText(),
  ...consentFields,
});
export type ShopifyBuyerPayload = z.infer<typeof shopifyBuyerPayload>;

export const shopifyLineItemPayload = z.looseObject({
  product_id: shopifyId.nullish(),
  variant_id: shopifyId.nullish(),
  sku: nullishText(),
  title: nullishText(1000),
  variant_title: nullishText(1000),
  quantity: z.number().nullish(),
  price: shopifyMoney.nullish(),
});
export type ShopifyLineItemPayload = z.infer<typeof shopifyLineItemPayload>;

export const shopifyDiscountCodePayload = z.looseObject({
  code: nullishText(),
  amount: shopifyMoney.nullish(),
  type: nullishText(64),
});
export type ShopifyDiscountCodePayload = z.infer<typeof shopifyDiscountCodePayload>;

/** `customers/create`, `customers/update`. */
export const shopifyCustomerPayload = z
  .looseObject({
    id: shopifyId,
    email: nullishText(320),
    phone: nullishText(64),
    first_name: nullishText(),
    last_name: nullishText(),
    created_at: shopifyTime,
    updated_at: shopifyTime,
    ...consentFields,
    tags: nullishText(LIMITS.textLength),
    currency: nullishText(16),
  })
  .meta({ title: 'ShopifyCustomerPayload' });
export type ShopifyCustomerPayload = z.infer<typeof shopifyCustomerPayload>;

const purchaseFields = {
  email: nullishText(320),
  phone: nullishText(64),
  customer: shopifyBuyerPayload.nullish(),
  currency: nullishText(16),
  total_price: shopifyMoney.nullish(),
  subtotal_price: shopifyMoney.nullish(),
  discount_codes: z.array(shopifyDiscountCodePayload).nullish(),
  line_items: z.array(shopifyLineItemPayload).nullish(),
  buyer_accepts_marketing: z.boolean().nullish(),
  created_at: shopifyTime,
  updated_at: shopifyTime,
};

/** `checkouts/create`, `checkouts/update`. */
export const shopifyCheckoutPayload = z
  .looseObject({
    ...purchaseFields,
    id: shopifyId.nullish(),
    token: text(LIMITS.nameLength),
    cart_token: nullishText(),
    abandoned_checkout_url: nullishText(2000),
    buyer_accepts_sms_marketing: z.boolean().nullish(),
    completed_at: shopifyTime,
  })
  .meta({ title: 'ShopifyCheckoutPayload' });
export type ShopifyCheckoutPayload = z.infer<typeof shopifyCheckoutPayload>;

/** `orders/create`, `orders/paid`, `orders/fulfilled`, `orders/cancelled`. */
export const shopifyOrderPayload = z
  .looseObject({
    ...purchaseFields,
    id: shopifyId,
    order_number: z.number().int().nullish(),
    name: nullishText(),
    checkout_token: nullishText(),
    financial_status: nullishText(64),
    fulfillment_status: nullishText(64),
    total_discounts: shopifyMoney.nullish(),
    processed_at: shopifyTime,
    cancelled_at: shopifyTime,
    cancel_reason: nullishText(64),
  })
  .meta({ title: 'ShopifyOrderPayload' });
export type ShopifyOrderPayload = z.infer<typeof shopifyOrderPayload>;

/**
 * `fulfillments/create`, `fulfillments/update`: one shipment of an order. It names the order
 * (`order_id`) but not the customer (only the order's `email`).
 */
export const shopifyFulfillmentPayload = z
  .looseObject({
    id: shopifyId,
    order_id: shopifyId,
    name: nullishText(),
    status: nullishText(64),
    shipment_status: nullishText(64),
    tracking_company: nullishText(),
    tracking_number: nullishText(),
    tracking_numbers: z.array(text(LIMITS.nameLength)).nullish(),
    tracking_url: nullishText(2000),
    tracking_urls: z.array(text(2000)).nullish(),
    email: nullishText(320),
    line_items: z.array(shopifyLineItemPayload).nullish(),
    created_at: shopifyTime,
    updated_at: shopifyTime,
  })
  .meta({ title: 'ShopifyFulfillmentPayload' });
export type ShopifyFulfillmentPayload = z.infer<typeof shopifyFulfillmentPayload>;

/** A variant inside `products/create|update`: money as decimal strings, stock as `inventory_quantity`. */
export const shopifyVariantPayload = z.looseObject({
  id: shopifyId,
  product_id: shopifyId.nullish(),
  title: nullishText(1000),
  sku: nullishText(),
  price: shopifyMoney.nullish(),
  compare_at_price: shopifyMoney.nullish(),
  inventory_item_id: shopifyId.nullish(),
  inventory_quantity: z.number().int().nullish(),
  inventory_management: nullishText(64),
  inventory_policy: nullishText(64),
  image_id: shopifyId.nullish(),
});
export type ShopifyVariantPayload = z.infer<typeof shopifyVariantPayload>;

export const shopifyProductImagePayload = z.looseObject({
  id: shopifyId.nullish(),
  src: nullishText(2000),
});

/** `products/create`, `products/update`. */
export const shopifyProductPayload = z
  .looseObject({
    id: shopifyId,
    title: nullishText(1000),
    handle: nullishText(1000),
    status: nullishText(64),
    updated_at: shopifyTime,
    variants: z.array(shopifyVariantPayload).max(2048).nullish(),
    images: z.array(shopifyProductImagePayload).max(1000).nullish(),
    image: shopifyProductImagePayload.nullish(),
  })
  .meta({ title: 'ShopifyProductPayload' });
export type ShopifyProductPayload = z.infer<typeof shopifyProductPayload>;

/** `products/delete`: only the id. */
export const shopifyProductDeletePayload = z
  .looseObject({ id: shopifyId })
  .meta({ title: 'ShopifyProductDeletePayload' });

/** `inventory_levels/update`: one inventory item's stock at one location. */
export const shopifyInventoryLevelPayload = z
  .looseObject({
    inventory_item_id: shopifyId,
    location_id: shopifyId,
    available: z.number().int().nullish(),
    updated_at: shopifyTime,
  })
  .meta({ title: 'ShopifyInventoryLevelPayload' });
export type ShopifyInventoryLevelPayload = z.infer<typeof shopifyInventoryLevelPayload>;

/** The body of `POST /webhooks/shopify`, by its X-Shopify-Topic. */
export const shopifyWebhookBody = z
  .union([
    shopifyCustomerPayload,
    shopifyCheckoutPayload,
    shopifyOrderPayload,
    shopifyFulfillmentPayload,
    shopifyProductPayload,
    shopifyInventoryLevelPayload,
  ])
  .meta({ title: 'ShopifyWebhookPayload' });

export const WEBHOOK_DELIVERY_STATUSES = ['accepted', 'duplicate', 'ignored', 'dead_lettered'] as const;

export const shopifyDeliveryResponse = data(
  z.object({
    status: z
      .enum(WEBHOOK_DELIVERY_STATUSES)
      .describe(
        '`ignored`: a topic this engine does not handle (answered 202); `dead_lettered`: the payload can never be processed',
      ),
    eventId: z.string().uuid().optional(),
    topic: z.string().optional(),
    reason: z.string().optional().describe('Why the delivery was dead-lettered'),
  }),
).meta({ title: 'ShopifyDeliveryAnswer' });
export type ShopifyDeliveryAnswer = z.infer<typeof shopifyDeliveryResponse>['data'];

/** One SendGrid Event Webhook event: the fields we read (custom args come back at the top level). */
export const sendGridEventPayload = z.looseObject({
  event: text(64).trim().min(1),
  sg_event_id: z.union([text(LIMITS.nameLength).trim().min(1), z.number()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text'),
  }),
  timestamp: z.union([z.number(), text(32)]).nullish(),
  email: nullishText(320),
  sg_message_id: nullishText(1000),
  type: nullishText(64),
  url: nullishText(LIMITS.textLength),
  reason: nullishText(LIMITS.textLength),
  status: nullishText(64),
  response: nullishText(LIMITS.textLength),
  sg_machine_open: z.boolean().nullish(),
  message_id: nullishText(),
});
export type SendGridEventPayload = z.infer<typeof sendGridEventPayload>;

/** The body of `POST /webhooks/sendgrid/events`: a JSON array of events. */
export const sendGridWebhookBody = z.array(z.unknown()).meta({ title: 'SendGridEvents' });

export const sendGridDeliveryResponse = data(
  z.object({
    received: z.number().int(),
    recorded: z.number().int(),
    duplicate: z.number().int(),
    unmatched: z.number().int().describe('Events about mail that is not ours: kept without a message'),
    skipped: z.number().int().describe('Events that can never be processed: kept as a dead letter'),
    reason: z.string().optional().describe('Why the delivery, or part of it, was dead-lettered'),
  }),
).meta({ title: 'SendGridDeliveryAnswer' });
export type SendGridDeliveryAnswer = z.infer<typeof sendGridDeliveryResponse>['data'];

const twilioSid = text(64).optional();

/** A Twilio status callback (SMS or WhatsApp), as form fields. */
export const twilioStatusForm = z
  .looseObject({
    MessageSid: twilioSid,
    SmsSid: twilioSid,
    MessageStatus: text(32).optional(),
    SmsStatus: text(32).optional(),
    ErrorCode: text(16).optional(),
    ErrorMessage: text(1000).optional(),
  })
  .refine((f) => Boolean(f.MessageSid || f.SmsSid), {
    message: 'a status callback needs MessageSid',
    path: ['MessageSid'],
  })
  .refine((f) => Boolean(f.MessageStatus || f.SmsStatus), {
    message: 'a status callback needs MessageStatus',
    path: ['MessageStatus'],
  })
  .meta({ title: 'TwilioStatusCallback' });
export type TwilioStatusCallback = z.infer<typeof twilioStatusForm>;

/** A message a customer sent (SMS or WhatsApp), as form fields. */
export const twilioInboundForm = z
  .looseObject({
    From: text(64).trim().min(1, 'an incoming message needs From'),
    To: text(64).optional(),
    MessageSid: twilioSid,
    SmsMessageSid: twilioSid,
    SmsSid: twilioSid,
    Body: text(LIMITS.textLength).optional(),
    NumMedia: text(8).optional(),
  })
  .refine((f) => Boolean(f.MessageSid || f.SmsMessageSid || f.SmsSid), {
    message: 'an incoming message needs MessageSid',
    path: ['MessageSid'],
  })
  .meta({ title: 'TwilioInboundMessage' });
export type TwilioInboundMessage = z.infer<typeof twilioInboundForm>;

export const TWILIO_STATUS_RESULTS = ['recorded', 'duplicate', 'unmatched', 'dead_lettered'] as const;

export const twilioStatusResponse = data(
  z.object({
    result: z.enum(TWILIO_STATUS_RESULTS),
    messageId: z.string().uuid().nullable(),
    deliveryStatus: z.string().nullable(),
    reason: z.string().optional().describe('Why the callback was dead-lettered'),
  }),
).meta({ title: 'TwilioStatusAnswer' });
export type TwilioStatusAnswer = z.infer<typeof twilioStatusResponse>['data'];

export const WEBHOOK_PROVIDERS = ['shopify', 'sendgrid', 'twilio'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export const deadLetterQuery = pageQuery;

export const deadLetterSchema = z.object({
  id: z.string().uuid(),
  provider: z.enum(WEBHOOK_PROVIDERS),
  topic: z.string().nullable().describe('Shopify topic, `events` (SendGrid), `status` or `inbound` (Twilio)'),
  deliveryId: z.string().describe("The provider's delivery id, else `sha256:` of the body"),
  reason: z.string().describe('Why it can never be processed, naming the field'),
  body: z.string().describe('The raw body as received; NUL characters escaped as \\u0000'),
  attempts: z.number().int().describe('How often the provider delivered it'),
  receivedAt: z.string(),
  lastReceivedAt: z.string(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLetterListResponse = data(z.array(deadLetterSchema)).meta({ title: 'WebhookDeadLetters' });

/** A payload's problems in words, each naming its field as the payload spells it (`line_items[0].price: …`). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
        .join('');
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
