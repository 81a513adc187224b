/**
 * What Shopify checkouts and orders have in common, read the same way for both: the buyer who
 * becomes the event's customer, the line items, the discount codes and the timestamps.
 */
import type {
  ShopifyBuyerPayload,
  ShopifyDiscountCodePayload,
  ShopifyLineItemPayload,
} from '@waypoint/contract';
import type { CustomerProfileInput } from '@waypoint/data';
import { parseShopifyMoney } from './shopify-money';
import { ShopifyPayloadError } from './shopify-payload.error';

/** A line item as canonical events carry it; ids are strings, as every Shopify id we store. */
export interface PurchaseLineItem {
  productId: string | null;
  variantId: string | null;
  sku: string | null;
  title: string | null;
  variantTitle: string | null;
  quantity: number;
  price: number;
}

/** The fields through which a checkout or an order names who is buying. */
interface BuyerFields {
  email?: string | null;
  phone?: string | null;
  customer?: ShopifyBuyerPayload | null;
}

/**
 * The profile the event is filed under. A registered customer's id is authoritative; a guest is
 * known by the contact details typed into the checkout, which Shopify puts at the top level.
 */
export function buyerProfile(payload: BuyerFields, subject: 'checkout' | 'order'): CustomerProfileInput {
  const customer = isObject(payload.customer) ? (payload.customer as ShopifyBuyerPayload) : null;
  const externalId = idText(customer?.id);
  const email = text(payload.email) ?? text(customer?.email);
  const phone = text(payload.phone) ?? text(customer?.phone);
  if (!externalId && !email && !phone) {
    throw new ShopifyPayloadError(
      'email',
      `the ${subject} names no customer: no customer.id, email or phone`,
    );
  }
  return {
    externalId,
    email,
    phone,
    firstName: text(customer?.first_name),
    lastName: text(customer?.last_name),
  };
}

/** Line items with their prices as numbers, and how many units they add up to. */
export function readLineItems(value: unknown): { lineItems: PurchaseLineItem[]; itemCount: number } {
  if (value === undefined || value === null) return { lineItems: [], itemCount: 0 };
  if (!Array.isArray(value)) throw new ShopifyPayloadError('line_items', '"line_items" must be a list');
  const lineItems = value.map((raw: unknown, index): PurchaseLineItem => {
    const field = `line_items[${index}]`;
    if (!isObject(raw)) throw new ShopifyPayloadError(field, `"${field}" must be an object`);
    const item = raw as ShopifyLineItemPayload;
    const quantity = item.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
      throw new ShopifyPayloadError(`${field}.quantity`, `"${field}.quantity" must be a whole number`);
    }
    return {
      productId: idText(item.product_id),
      variantId: idText(item.variant_id),
      sku: text(item.sku),
      title: text(item.title),
      variantTitle: text(item.variant_title),
      quantity,
      price: parseShopifyMoney(item.price, `${field}.price`),
    };
  });
  return { lineItems, itemCount: lineItems.reduce((sum, item) => sum + item.quantity, 0) };
}

/** The codes of `discount_codes: [{code, amount, type}]`; entries without a code are skipped. */
export function discountCodeList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry: unknown) => (isObject(entry) ? text((entry as ShopifyDiscountCodePayload).code) : null))
    .filter((code): code is string => code !== null);
}

/** The first of `stamps` that parses as a time, else when the delivery arrived. */
export function firstInstant(stamps: unknown[], receivedAt: Date): Date {
  for (const stamp of stamps) {
    const iso = isoInstant(stamp);
    if (iso) return new Date(iso);
  }
  return receivedAt;
}

/** A Shopify timestamp ("2024-05-01T10:00:00-04:00") as UTC ISO text, or null. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Shopify ids are JSON numbers; canonical events keep them as strings. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

/** Non-blank text, trimmed; Shopify sends "" for an absent SKU or phone. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function flag(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
