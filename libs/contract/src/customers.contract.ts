/**
 * Customers: the profile API (`PUT /v1/customers/{externalId}`, API key), support's search and
 * customer page (`GET /v1/customers`, `GET /v1/customers/{id}`), and a customer's checkouts
 * (`GET /v1/customers/{id}/checkouts`). A customer is named by the store's external id or our id.
 */
import { CHANNELS, LIFECYCLE_STAGES, RUN_STATUSES } from '@waypoint/journey';
import { z } from 'zod';
import { data, LIMITS, text } from './http';
import { emailAddress, jsonObject, localeTag, phoneNumber, timeZoneName } from './events.contract';

/** `{id}`: the store's external id or our customer id (a UUID). */
export const customerRefParams = z.object({
  id: text(LIMITS.nameLength).min(1).describe("The store's customer id, or ours (a UUID)"),
});

/** `{externalId}`: the store's customer id. */
export const externalIdParams = z.object({
  externalId: text(LIMITS.nameLength).min(1).describe("The store's customer id"),
});

export const CONSENT_STATUSES = ['opted_in', 'opted_out'] as const;
export type ConsentStatusValue = (typeof CONSENT_STATUSES)[number];

export const customerProfileBody = z
  .strictObject({
    email: emailAddress.optional(),
    phone: phoneNumber.optional(),
    firstName: text(LIMITS.nameLength).optional(),
    lastName: text(LIMITS.nameLength).optional(),
    timezone: timeZoneName.optional().describe('IANA, e.g. Europe/Berlin'),
    locale: localeTag.optional().describe('BCP 47, e.g. de-DE'),
    attributes: jsonObject.optional(),
    consent: z
      .strictObject({
        email: z.enum(CONSENT_STATUSES).optional(),
        sms: z.enum(CONSENT_STATUSES).optional(),
        whatsapp: z.enum(CONSENT_STATUSES).optional(),
      })
      .optional()
      .describe('Consent per channel, recorded with `consentSource` and kept in the history'),
    consentSource: text(100).min(1).default('api'),
  })
  .meta({ title: 'CustomerProfileInput' });
export type CustomerProfileBody = z.infer<typeof customerProfileBody>;

const lifecycleStage = z.enum(LIFECYCLE_STAGES);
const nullableDate = z.string().nullable();

export const storedProfileSchema = z.object({
  id: z.string().uuid(),
  externalId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  loyaltyPoints: z.number().int(),
  loyaltyTier: z.string().nullable(),
  ordersCount: z.number().int(),
  totalSpent: z.number(),
  averageOrderValue: z.number().nullable(),
  firstOrderAt: nullableDate,
  lastOrderAt: nullableDate,
  meanDaysBetweenOrders: z.number().nullable(),
  discountShare: z.number().nullable(),
  lifecycleStage,
  consent: z
    .record(z.string(), z.enum(CONSENT_STATUSES))
    .nullable()
    .describe('Channel → status; null while no consent was recorded'),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const customerProfileResponse = data(storedProfileSchema).meta({ title: 'CustomerProfile' });

export const customerSearchQuery = z.object({
  q: text(320).trim().min(2, 'type at least 2 characters of an email, a phone number or a customer id'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const customerSummarySchema = z.object({
  id: z.string().uuid(),
  externalId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  lifecycleStage,
  ordersCount: z.number().int(),
  totalSpent: z.number(),
  lastOrderAt: nullableDate,
  createdAt: z.string(),
  test: z.boolean().describe('One of the store\'s test profiles (docs: "Test runs")'),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerSearchResponse = data(z.array(customerSummarySchema)).meta({
  title: 'CustomerSearchResults',
});

export const COUPON_KINDS = ['percent', 'fixed', 'free_shipping'] as const;
export const COUPON_STATES = ['issued', 'redeemed', 'expired'] as const;
export const COUPON_STORE_STATUSES = ['local', 'created', 'refused'] as const;

export const customerPageSchema = z.object({
  profile: customerSummarySchema.extend({
    timezone: z.string().nullable(),
    locale: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()),
    updatedAt: z.string(),
    averageOrderValue: z.number().nullable(),
    firstOrderAt: nullableDate,
    meanDaysBetweenOrders: z.number().nullable(),
    discountShare: z.number().nullable(),
    loyaltyPoints: z.number().int(),
    loyaltyTier: z.string().nullable(),
  }),
  value: z
    .object({
      totalSpent: z.number(),
      ordersCount: z.number().int(),
      averageOrderValue: z.number().nullable(),
    })
    .describe('CLTV: what the customer has spent'),
  consent: z.array(
    z.object({
      channel: z.enum(CHANNELS),
      status: z.enum(CONSENT_STATUSES),
      source: z.string().describe('`shopify` when the store reported it'),
      updatedAt: z.string().describe("When it changed (for the store's consent, its `consent_updated_at`)"),
      optInLevel: z
        .string()
        .nullable()
        .describe("The store's opt-in level (`single_opt_in`, `confirmed_opt_in`) when it reported one"),
    }),
  ),
  consentHistory: z
    .array(
      z.object({
        channel: z.enum(CHANNELS),
        status: z.enum(CONSENT_STATUSES),
        source: z.string(),
        recordedAt: z.string(),
      }),
    )
    .describe('Newest first, at most 100'),
  events: z
    .array(
      z.object({
        id: z.string().uuid(),
        type: z.string(),
        source: z.string(),
        properties: z.record(z.string(), z.unknown()),
        occurredAt: z.string(),
        receivedAt: z.string(),
      }),
    )
    .describe('Newest first, at most 50'),
  messages: z
    .array(
      z.object({
        id: z.string().uuid(),
        runId: z.string().uuid(),
        journeyName: z.string(),
        nodeId: z.string(),
        channel: z.enum(CHANNELS),
        template: z.string(),
        to: z.string(),
        subject: z.string().nullable(),
        status: z
          .string()
          .describe('Whether we handed it to the provider: sending, sent, sandboxed, failed …'),
        provider: z.string(),
        error: z.string().nullable(),
        createdAt: z.string(),
        sentAt: nullableDate,
        deliveryStatus: z
          .string()
          .nullable()
          .describe('What the provider reported last: sent, delivered, opened, clicked, bounced …'),
        deliveredAt: nullableDate,
        openedAt: nullableDate,
        clickedAt: nullableDate,
        bouncedAt: nullableDate,
        deliveryError: z.string().nullable(),
        test: z.boolean().describe("A test run's message"),
      }),
    )
    .describe('Newest first, at most 50'),
  runs: z
    .array(
      z.object({
        id: z.string().uuid(),
        journeyId: z.string().uuid(),
        journeyName: z.string(),
        version: z.number().int(),
        status: z.enum(RUN_STATUSES),
        statusReason: z.string().nullable(),
        currentNodeId: z.string().nullable(),
        startedAt: z.string(),
        finishedAt: nullableDate,
        test: z.boolean().describe('A test run: never counted in results'),
      }),
    )
    .describe('Newest first, at most 200'),
  coupons: z
    .array(
      z.object({
        code: z.string(),
        kind: z.enum(COUPON_KINDS),
        value: z.number(),
        state: z
          .enum(COUPON_STATES)
          .describe('issued: still open; redeemed: an order used it; expired: its expiry passed unused'),
        issuedAt: z.string(),
        expiresAt: nullableDate,
        runId: z.string().uuid(),
        journeyId: z.string().uuid(),
        journeyName: z.string(),
        nodeId: z.string(),
        storeStatus: z
          .enum(COUPON_STORE_STATUSES)
          .describe(
            'created: the store has it; refused: the store refused it (never sent); local: no store connected',
          ),
        storeDiscountId: z.string().nullable().describe("The store's discount id once created"),
        storeError: z.string().nullable().describe("The store's message when it refused the code"),
        redeemedAt: nullableDate,
        redeemedOrderId: z.string().nullable(),
        redeemedAmount: z.number().nullable(),
      }),
    )
    .describe('Coupons journeys issued to the customer, newest first, at most 100'),
  consentWritebacks: z
    .array(
      z.object({
        id: z.string().uuid(),
        channel: z.enum(['email', 'sms']),
        status: z.enum(CONSENT_STATUSES),
        source: z.string(),
        occurredAt: z.string(),
        attempts: z.number().int(),
        lastError: z.string().nullable().describe("The store's last refusal or failure"),
        nextAttemptAt: z.string(),
        doneAt: nullableDate,
        outcome: z
          .enum(['written', 'superseded', 'given_up'])
          .nullable()
          .describe('Null while it waits (no store connected, or retrying)'),
      }),
    )
    .describe('Consent changes taken here, written back to the store: newest first, at most 50'),
});
export type CustomerPage = z.infer<typeof customerPageSchema>;

export const customerPageResponse = data(customerPageSchema).meta({ title: 'CustomerPageAnswer' });

export const CHECKOUT_STATUSES = ['open', 'completed'] as const;

export const checkoutSchema = z
  .object({
    token: z.string().describe("Shopify's checkout token"),
    status: z.enum(CHECKOUT_STATUSES),
    cartToken: z.string().nullable(),
    lineItems: z.array(z.record(z.string(), z.unknown())),
    itemCount: z.number().int().nullable(),
    currency: z.string().nullable(),
    totalPrice: z.number().nullable(),
    subtotalPrice: z.number().nullable(),
    discountCodes: z.array(z.string()),
    abandonedCheckoutUrl: z.string().nullable(),
    updatedAt: nullableDate.describe(
      "Shopify's updated_at of the version held; null while only the order is known",
    ),
    completedAt: nullableDate,
    orderId: z.string().nullable(),
    orderName: z.string().nullable(),
  })
  .meta({ id: 'Checkout' });
export type Checkout = z.infer<typeof checkoutSchema>;

export const customerCheckoutsResponse = data(z.array(checkoutSchema)).meta({ title: 'CustomerCheckouts' });

/** `/u/{token}`: the signed token of an unsubscribe link (it names the customer). */
export const unsubscribeParams = z.object({ token: text(1000).min(1) });

/**
 * The form posted to `/u/{token}`: RFC 8058's one-click `List-Unsubscribe=One-Click`, or the
 * preference page's `action=subscribe`. Anything else unsubscribes; no body at all too.
 */
export const unsubscribeForm = z
  .looseObject({ action: text(100).optional().describe('`subscribe` to opt back in') })
  .default({})
  .meta({ title: 'UnsubscribeForm' });
