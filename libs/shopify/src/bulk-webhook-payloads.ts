/**
 * Bulk JSONL lines in the shape of the REST webhook payloads (`customers/update`, `orders/create`),
 * so that imported history can go through the same mappers as live deliveries and compute the
 * same attributes. Ids become the numeric ids webhooks carry, enums the lower-case words, money
 * the shop-currency decimal strings, consent `{ state, opt_in_level, consent_updated_at }`.
 *
 * Orders arrive as an order line followed (with `groupObjects`) by its line-item lines;
 * `BulkOrderAssembler` holds one order at a time and hands it over complete when the next root
 * line arrives, so memory stays flat.
 *
 * What the bulk output cannot say: an order's per-code discount amount (GraphQL lists only the
 * codes): with exactly one code, `amount` is the order's total discount (which would include an
 * automatic discount stacked on it); with several, it is absent.
 */
import { legacyId } from './admin-graphql';
import {
  isChildLine,
  type BulkCustomerLine,
  type BulkLineItemLine,
  type BulkOrderLine,
} from './bulk-queries';

export interface WebhookConsentPayload {
  state: string;
  opt_in_level: string | null;
  consent_updated_at: string | null;
}

export interface WebhookCustomerPayload {
  id: number | string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  locale: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
  default_address: {
    country_code: string | null;
    province_code: string | null;
    city: string | null;
    zip: string | null;
  } | null;
  email_marketing_consent: WebhookConsentPayload | null;
  sms_marketing_consent: (WebhookConsentPayload & { consent_collected_from: string | null }) | null;
}

export interface WebhookOrderPayload {
  id: number | string;
  name: string;
  email: string | null;
  customer: { id: number | string } | null;
  currency: string;
  total_price: string;
  subtotal_price: string | null;
  total_discounts: string | null;
  discount_codes: Array<{ code: string; amount?: string }>;
  line_items: Array<{
    id: number | string;
    product_id: number | string | null;
    variant_id: number | string | null;
    sku: string | null;
    title: string;
    quantity: number;
    price: string;
  }>;
  fulfillments: Array<{ created_at: string }>;
  financial_status: string | null;
  fulfillment_status: string | null;
  buyer_accepts_marketing: boolean;
  created_at: string;
  updated_at: string;
  processed_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export function customerWebhookPayload(line: BulkCustomerLine): WebhookCustomerPayload {
  const email = line.defaultEmailAddress;
  const phone = line.defaultPhoneNumber;
  return {
    id: numericId(line.id),
    email: email?.emailAddress ?? null,
    phone: phone?.phoneNumber ?? null,
    first_name: line.firstName,
    last_name: line.lastName,
    locale: line.locale ?? null,
    tags: (line.tags ?? []).join(', '),
    created_at: line.createdAt,
    updated_at: line.updatedAt,
    default_address: line.defaultAddress
      ? {
          country_code: line.defaultAddress.countryCodeV2,
          province_code: line.defaultAddress.provinceCode,
          city: line.defaultAddress.city,
          zip: line.defaultAddress.zip,
        }
      : null,
    email_marketing_consent: email
      ? {
          state: email.marketingState.toLowerCase(),
          opt_in_level: email.marketingOptInLevel?.toLowerCase() ?? null,
          consent_updated_at: email.marketingUpdatedAt,
        }
      : null,
    sms_marketing_consent: phone
      ? {
          state: phone.marketingState.toLowerCase(),
          opt_in_level: phone.marketingOptInLevel?.toLowerCase() ?? null,
          consent_updated_at: phone.marketingUpdatedAt,
          consent_collected_from: phone.marketingCollectedFrom,
        }
      : null,
  };
}

export function orderWebhookPayload(order: BulkOrderLine, items: BulkLineItemLine[]): WebhookOrderPayload {
  const totalDiscounts = order.totalDiscountsSet?.shopMoney.amount ?? null;
  const codes = order.discountCodes ?? [];
  return {
    id: numericId(order.id),
    name: order.name,
    email: order.email,
    customer: order.customer ? { id: numericId(order.customer.id) } : null,
    currency: order.totalPriceSet.shopMoney.currencyCode ?? order.currencyCode,
    total_price: order.totalPriceSet.shopMoney.amount,
    subtotal_price: order.subtotalPriceSet?.shopMoney.amount ?? null,
    total_discounts: totalDiscounts,
    discount_codes: codes.map((code) =>
      codes.length === 1 && totalDiscounts !== null ? { code, amount: totalDiscounts } : { code },
    ),
    line_items: items.map((item) => ({
      id: numericId(item.id),
      product_id: item.product ? numericId(item.product.id) : null,
      variant_id: item.variant ? numericId(item.variant.id) : null,
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      price: item.originalUnitPriceSet.shopMoney.amount,
    })),
    fulfillments: (order.fulfillments ?? []).map((f) => ({ created_at: f.createdAt })),
    financial_status: order.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillment_status: FULFILLMENT_STATUS[order.displayFulfillmentStatus] ?? null,
    buyer_accepts_marketing: order.customerAcceptsMarketing,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
  };
}

/** OrderDisplayFulfillmentStatus → the REST `fulfillment_status` (null while nothing is fulfilled). */
const FULFILLMENT_STATUS: Record<string, string | null> = {
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
  UNFULFILLED: null,
};

export interface AssembledOrder {
  order: BulkOrderLine;
  items: BulkLineItemLine[];
  /** The line number of the order's last line: persist it to resume after this order. */
  lastLineNumber: number;
}

/**
 * Puts grouped order output back together: `push` each parsed line in file order; it returns the
 * previous order, complete, when a new order line starts; `finish` returns the last one. Skip
 * malformed lines: a line item whose order is not the one being assembled (its order line was the
 * malformed one) is counted in `orphans` and dropped.
 */
export class BulkOrderAssembler {
  orphans = 0;
  private current: AssembledOrder | null = null;

  push(value: BulkOrderLine | BulkLineItemLine, lineNumber: number): AssembledOrder | null {
    if (isChildLine(value)) {
      if (this.current && value.__parentId === this.current.order.id) {
        this.current.items.push(value as BulkLineItemLine);
        this.current.lastLineNumber = lineNumber;
      } else this.orphans += 1;
      return null;
    }
    const done = this.current;
    this.current = { order: value as BulkOrderLine, items: [], lastLineNumber: lineNumber };
    return done;
  }

  finish(): AssembledOrder | null {
    const done = this.current;
    this.current = null;
    return done;
  }
}

/** The numeric id webhooks carry (a number when it is a safe integer), from a gid. */
function numericId(gid: string): number | string {
  const id = legacyId(gid) ?? gid;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}
