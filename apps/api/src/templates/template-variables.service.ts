/**
 * The variables a template can use, for completion in the editor: the known tree (what a journey
 * hands every template, described, with the sample data's values), then custom attribute keys
 * seen on customers and the property keys seen on stored events of the trigger's type (a bounded
 * sample). The last two may be absent for a customer: they render empty.
 */
import { Injectable } from '@nestjs/common';
import { sampleTemplateContext } from '@waypoint/channels';
import type { TemplateVariable } from '@waypoint/contract';
import { Database, sampleCustomerAttributeKeys, sampleEventPropertyKeys } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';

const DESCRIPTIONS: Record<string, string> = {
  'customer.id': "The customer's id in Waypoint",
  'customer.externalId': "The store's id for the customer (Shopify's)",
  'customer.email': 'Email address',
  'customer.phone': 'Phone number (E.164)',
  'customer.firstName': 'First name (may be empty: `{{default customer.firstName "there"}}`)',
  'customer.lastName': 'Last name',
  'customer.loyaltyPoints': 'Loyalty points',
  'event.type': "The trigger event's type, e.g. checkout.started",
  'event.properties.checkoutToken': 'Checkout token',
  'event.properties.abandonedCheckoutUrl': 'Link back to the abandoned checkout',
  'event.properties.orderId': 'Order id',
  'event.properties.orderName': 'Order name, e.g. #1001',
  'event.properties.currency': 'Currency of the cart or order (ISO 4217)',
  'event.properties.totalPrice': 'Total: `{{money event.properties.totalPrice event.properties.currency}}`',
  'event.properties.subtotalPrice': 'Subtotal',
  'event.properties.itemCount': 'Number of items',
  'event.properties.lineItems': 'Cart or order lines: `{{#each event.properties.lineItems}}…{{/each}}`',
  'event.properties.discountCodes': 'Discount codes used',
  'coupon.code': 'The code a coupon step issued earlier in the journey',
  'coupon.kind': 'percent, fixed or free_shipping',
  'coupon.value': 'Percent or amount off',
  'coupon.expiresAt': 'When it expires: `{{date coupon.expiresAt}}`',
  'store.name': "The store's name",
  'store.url': "The store's address",
  unsubscribeUrl: 'One-click unsubscribe link (required in marketing email)',
  recommendations:
    'Products bought together with what the customer bought or has in this cart or order (in stock, never one ' +
    'they bought; up to 4): `{{#each recommendations}}…{{/each}}`',
};

/** The properties the catalogue's trigger events carry, offered for journeys they start. */
const CATALOGUE_EVENT_PROPERTIES: Record<string, string> = {
  productId: 'Product id',
  variantId: 'The variant back in stock or cheaper',
  title: 'Product title',
  url: "The product's page",
  image: "The product's image",
  price: 'Price now: `{{money event.properties.price}}`',
};
const EVENT_PROPERTIES: Record<string, Record<string, string>> = {
  [EVENT.productBackInStock]: CATALOGUE_EVENT_PROPERTIES,
  [EVENT.productPriceDropped]: {
    ...CATALOGUE_EVENT_PROPERTIES,
    previousPrice: 'Price before the drop',
    drop: 'How much cheaper: `{{money event.properties.drop}}`',
  },
};

const LINE_FIELDS: Record<string, string> = {
  productId: 'Product id',
  variantId: 'Variant id',
  sku: 'SKU',
  title: 'Product title',
  variantTitle: 'Variant title',
  quantity: 'Quantity',
  price: 'Unit price: `{{money price ../event.properties.currency}}`',
  image: "The product's image, from the catalogue",
  url: "The product's page, from the catalogue",
  inStock: 'In stock now, from the catalogue (empty when the product is unknown)',
};

const RECOMMENDATION_FIELDS: Record<string, string> = {
  productId: 'Product id',
  variantId: 'The variant shown (the cheapest in stock)',
  title: 'Product title',
  url: "The product's page",
  image: "The product's image",
  price: 'Price: `{{money price}}`',
  compareAtPrice: 'Price before a sale (empty when none)',
};

/** Lists of objects whose fields are listed too, with what each field means. */
const LISTS: Record<string, Record<string, string>> = {
  'event.properties.lineItems': LINE_FIELDS,
  recommendations: RECOMMENDATION_FIELDS,
};

@Injectable()
export class TemplateVariables {
  constructor(private readonly db: Database) {}

  async list(input: { channel?: string; eventType?: string }): Promise<TemplateVariable[]> {
    const known = flatten(sampleTemplateContext(), '');
    const [attributes, properties] = await Promise.all([
      sampleCustomerAttributeKeys(this.db.query),
      input.eventType ? sampleEventPropertyKeys(this.db.query, input.eventType) : Promise.resolve([]),
    ]);
    const seen = new Set(known.map((v) => v.path));
    const extra = [
      ...Object.entries(EVENT_PROPERTIES[input.eventType ?? ''] ?? {}).map(([k, what]) => ({
        path: `event.properties.${k}`,
        what,
      })),
      ...attributes.map((k) => ({
        path: `customer.attributes.${k}`,
        what: 'Custom attribute (seen on customers)',
      })),
      ...properties.map((k) => ({
        path: `event.properties.${k}`,
        what: `Property of ${input.eventType} events (seen in stored events)`,
      })),
    ]
      .filter((v) => {
        // A catalogue event's property is also seen in stored events: listed once.
        if (seen.has(v.path) || !/^[A-Za-z0-9_.-]+$/.test(v.path)) return false;
        seen.add(v.path);
        return true;
      })
      .map((v) => ({ path: v.path, description: v.what, example: null, mayBeAbsent: true }));
    return [...known, ...extra];
  }
}

function flatten(value: unknown, path: string): TemplateVariable[] {
  if (path === 'customer.attributes') {
    return [
      {
        path,
        description: 'Custom attributes: `customer.attributes.<key>` (empty when absent)',
        example: null,
        mayBeAbsent: true,
      },
    ];
  }
  if (Array.isArray(value)) {
    const [first] = value;
    const fields = LISTS[path] && first && typeof first === 'object' ? LISTS[path] : undefined;
    return [
      variable(path, value),
      ...(fields
        ? Object.entries(first as Record<string, unknown>).map(([k, v]) => ({
            path: `${path}[].${k}`,
            description: `${fields[k] ?? k} (inside {{#each ${path}}}: {{${k}}})`,
            example: example(v),
            mayBeAbsent: true,
          }))
        : []),
    ];
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  }
  return [variable(path, value)];
}

function variable(path: string, value: unknown): TemplateVariable {
  return {
    path,
    description: DESCRIPTIONS[path] ?? path,
    example: example(value),
    mayBeAbsent: path.startsWith('event.properties.'),
  };
}

function example(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value).slice(0, 200) : String(value);
}
