/**
 * The state behind the Shopify Admin stub and its root fields, answering with the shapes Shopify
 * documents (Admin GraphQL 2025-10): discount codes with their customer, usage limit and dates
 * (case-insensitive, unique codes: TAKEN otherwise), consent updates, webhook subscriptions (one
 * per topic and URI), and bulk operations (`bulk`, shopify-bulk-operations.store.ts). Tests read
 * the state directly.
 */
import { BulkOperationsState } from './shopify-bulk-operations.store';
import type { GraphqlErrorBody, StubObject } from './shopify-graphql.projection';

export interface StubShop {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  myshopifyDomain: string;
}

export interface StubLocale {
  locale: string;
  primary: boolean;
  published: boolean;
}

export interface StubUserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export interface StubDiscount {
  /** `gid://shopify/DiscountCodeNode/…`. */
  id: string;
  code: string;
  title: string;
  type: 'DiscountCodeBasic' | 'DiscountCodeFreeShipping';
  /** Customer gids the code is limited to (`context.customers.add`). */
  customerIds: string[];
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  startsAt: string;
  endsAt: string | null;
  /** `{ percentage }` (0–1) or `{ amount, appliesOnEachItem }`; null for free shipping. */
  value: { percentage: number } | { amount: string; appliesOnEachItem: boolean } | null;
  createdAt: string;
}

export interface StubConsentUpdate {
  channel: 'email' | 'sms';
  customerId: string;
  marketingState: string;
  marketingOptInLevel: string | null;
  consentUpdatedAt: string | null;
}

export interface StubWebhookSubscription {
  id: string;
  topic: string;
  uri: string;
  format: string;
  createdAt: string;
}

export type RootAnswer = { value: unknown } | { error: GraphqlErrorBody };

const ENUM_CONSENT_INPUT = ['SUBSCRIBED', 'UNSUBSCRIBED', 'PENDING'];

export class ShopifyStoreState {
  readonly discounts = new Map<string, StubDiscount>();
  readonly consentUpdates: StubConsentUpdate[] = [];
  readonly webhookSubscriptions: StubWebhookSubscription[] = [];
  /** userErrors the next discount create answers with instead of creating. */
  readonly discountUserErrors: StubUserError[][] = [];
  readonly bulk: BulkOperationsState;
  /** False: the token lacks `read_locales`, so `shopLocales` is ACCESS_DENIED. */
  localesScope = true;
  private nextId = 1000;

  constructor(
    public shop: StubShop,
    public locales: StubLocale[],
    fileUrl: (operationId: string) => string,
  ) {
    this.bulk = new BulkOperationsState(() => this.gid('BulkOperation'), fileUrl);
  }

  /** The discount with this code, whatever its case (Shopify's codes are case-insensitive). */
  discount(code: string): StubDiscount | undefined {
    return this.discounts.get(code.toLowerCase());
  }

  query(field: string, args: Record<string, unknown>): RootAnswer | null {
    switch (field) {
      case 'shop':
        return { value: { __typename: 'Shop', ...this.shop } };
      case 'shopLocales':
        if (!this.localesScope)
          return {
            error: {
              message:
                'Access denied for shopLocales field. Required access: `read_locales` access scope or `read_markets_home` access scope.',
              path: ['shopLocales'],
              extensions: {
                code: 'ACCESS_DENIED',
                documentation: 'https://shopify.dev/api/usage/access-scopes',
              },
            },
          };
        return {
          value: this.locales
            .filter((l) => !args.published || l.published)
            .map((l) => ({ __typename: 'ShopLocale', name: l.locale, ...l })),
        };
      case 'webhookSubscriptions':
        return { value: this.subscriptionPage(args) };
      case 'codeDiscountNodeByCode': {
        const found = this.discount(String(args.code ?? ''));
        return { value: found ? discountNode(found) : null };
      }
      case 'node':
        return { value: this.node(String(args.id ?? '')) };
      default:
        return null;
    }
  }

  mutate(field: string, args: Record<string, unknown>): RootAnswer | null {
    switch (field) {
      case 'discountCodeBasicCreate':
        return {
          value: this.createDiscount('DiscountCodeBasic', 'basicCodeDiscount', args.basicCodeDiscount),
        };
      case 'discountCodeFreeShippingCreate':
        return {
          value: this.createDiscount(
            'DiscountCodeFreeShipping',
            'freeShippingCodeDiscount',
            args.freeShippingCodeDiscount,
          ),
        };
      case 'customerEmailMarketingConsentUpdate':
        return { value: this.updateConsent('email', args.input) };
      case 'customerSmsMarketingConsentUpdate':
        return { value: this.updateConsent('sms', args.input) };
      case 'webhookSubscriptionCreate':
        return { value: this.createSubscription(args) };
      case 'bulkOperationRunQuery':
        return { value: this.bulk.run(args) };
      default:
        return null;
    }
  }

  private gid(type: string): string {
    this.nextId += 1;
    return `gid://shopify/${type}/${this.nextId}`;
  }

  private subscriptionPage(args: Record<string, unknown>): StubObject {
    const topics = Array.isArray(args.topics) ? (args.topics as string[]) : null;
    const all = this.webhookSubscriptions.filter((s) => !topics || topics.includes(s.topic));
    const start =
      typeof args.after === 'string' ? Number(Buffer.from(args.after, 'base64').toString()) + 1 : 0;
    const first = typeof args.first === 'number' ? args.first : 50;
    const page = all.slice(start, start + first);
    const cursor = (i: number) => Buffer.from(String(start + i)).toString('base64');
    return {
      __typename: 'WebhookSubscriptionConnection',
      edges: page.map((s, i) => ({
        __typename: 'WebhookSubscriptionEdge',
        cursor: cursor(i),
        node: subscriptionNode(s),
      })),
      nodes: page.map(subscriptionNode),
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: start + first < all.length,
        hasPreviousPage: start > 0,
        startCursor: page.length ? cursor(0) : null,
        endCursor: page.length ? cursor(page.length - 1) : null,
      },
    };
  }

  private node(id: string): StubObject | null {
    const operation = this.bulk.poll(id);
    if (operation) return operation;
    const discount = [...this.discounts.values()].find((d) => d.id === id);
    return discount ? discountNode(discount) : null;
  }

  private createDiscount(type: StubDiscount['type'], root: string, raw: unknown): StubObject {
    const payload = (node: StubObject | null, errors: StubUserError[]) => ({
      __typename:
        type === 'DiscountCodeBasic'
          ? 'DiscountCodeBasicCreatePayload'
          : 'DiscountCodeFreeShippingCreatePayload',
      codeDiscountNode: node,
      userErrors: errors.map((e) => ({ __typename: 'DiscountUserError', extraInfo: null, code: null, ...e })),
    });
    const queued = this.discountUserErrors.shift();
    if (queued) return payload(null, queued);
    const input = (raw ?? {}) as Record<string, unknown>;
    const errors = discountInputErrors(type, root, input);
    const code = typeof input.code === 'string' ? input.code : '';
    if (code && this.discount(code))
      errors.push({
        field: [root, 'code'],
        message: 'Code must be unique. Please try a different code.',
        code: 'TAKEN',
      });
    if (errors.length) return payload(null, errors);
    const context = input.context as { customers?: { add?: string[] } } | undefined;
    const value = (input.customerGets as { value?: Record<string, unknown> } | undefined)?.value;
    const discount: StubDiscount = {
      id: this.gid('DiscountCodeNode'),
      code,
      title: String(input.title),
      type,
      customerIds: context?.customers?.add ?? [],
      usageLimit: typeof input.usageLimit === 'number' ? input.usageLimit : null,
      appliesOncePerCustomer: input.appliesOncePerCustomer === true,
      startsAt: new Date(String(input.startsAt)).toISOString(),
      endsAt: input.endsAt ? new Date(String(input.endsAt)).toISOString() : null,
      value: !value
        ? null
        : 'percentage' in value
          ? { percentage: Number(value.percentage) }
          : {
              amount: String((value.discountAmount as { amount: unknown }).amount),
              appliesOnEachItem:
                (value.discountAmount as { appliesOnEachItem?: boolean }).appliesOnEachItem === true,
            },
      createdAt: new Date().toISOString(),
    };
    this.discounts.set(code.toLowerCase(), discount);
    return payload(discountNode(discount), []);
  }

  private updateConsent(channel: 'email' | 'sms', raw: unknown): StubObject {
    const input = (raw ?? {}) as {
      customerId?: string;
      emailMarketingConsent?: unknown;
      smsMarketingConsent?: unknown;
    };
    const consent = ((channel === 'email' ? input.emailMarketingConsent : input.smsMarketingConsent) ??
      {}) as Record<string, unknown>;
    const key = channel === 'email' ? 'emailMarketingConsent' : 'smsMarketingConsent';
    const errors: StubUserError[] = [];
    if (!/^gid:\/\/shopify\/Customer\/\d+$/.test(input.customerId ?? ''))
      errors.push({ field: ['input', 'customerId'], message: 'Customer not found', code: 'INVALID' });
    if (!ENUM_CONSENT_INPUT.includes(String(consent.marketingState)))
      errors.push({
        field: ['input', key, 'marketingState'],
        message: 'Marketing state is invalid',
        code: 'INVALID',
      });
    if (!errors.length)
      this.consentUpdates.push({
        channel,
        customerId: String(input.customerId),
        marketingState: String(consent.marketingState),
        marketingOptInLevel:
          typeof consent.marketingOptInLevel === 'string' ? consent.marketingOptInLevel : null,
        consentUpdatedAt: typeof consent.consentUpdatedAt === 'string' ? consent.consentUpdatedAt : null,
      });
    return {
      __typename:
        channel === 'email'
          ? 'CustomerEmailMarketingConsentUpdatePayload'
          : 'CustomerSmsMarketingConsentUpdatePayload',
      customer: errors.length ? null : { __typename: 'Customer', id: input.customerId },
      userErrors: errors.map((e) => ({ __typename: 'UserError', code: null, ...e })),
    };
  }

  private createSubscription(args: Record<string, unknown>): StubObject {
    const input = (args.webhookSubscription ?? {}) as { uri?: string; format?: string };
    const topic = String(args.topic ?? '');
    const errors: StubUserError[] = [];
    if (!input.uri) errors.push({ field: ['webhookSubscription', 'uri'], message: "Address can't be blank" });
    else if (this.webhookSubscriptions.some((s) => s.topic === topic && s.uri === input.uri))
      errors.push({
        field: ['webhookSubscription', 'callbackUrl'],
        message: 'Address for this topic has already been taken',
      });
    let created: StubWebhookSubscription | null = null;
    if (!errors.length) {
      created = {
        id: this.gid('WebhookSubscription'),
        topic,
        uri: String(input.uri),
        format: input.format ?? 'JSON',
        createdAt: new Date().toISOString(),
      };
      this.webhookSubscriptions.push(created);
    }
    return {
      __typename: 'WebhookSubscriptionCreatePayload',
      webhookSubscription: created ? subscriptionNode(created) : null,
      userErrors: errors.map((e) => ({ __typename: 'UserError', ...e })),
    };
  }
}

function discountNode(discount: StubDiscount): StubObject {
  const now = Date.now();
  const status =
    discount.endsAt && Date.parse(discount.endsAt) <= now
      ? 'EXPIRED'
      : Date.parse(discount.startsAt) > now
        ? 'SCHEDULED'
        : 'ACTIVE';
  return {
    __typename: 'DiscountCodeNode',
    id: discount.id,
    codeDiscount: {
      __typename: discount.type,
      title: discount.title,
      status,
      startsAt: discount.startsAt,
      endsAt: discount.endsAt,
      usageLimit: discount.usageLimit,
      appliesOncePerCustomer: discount.appliesOncePerCustomer,
      asyncUsageCount: 0,
      createdAt: discount.createdAt,
    },
  };
}

function subscriptionNode(subscription: StubWebhookSubscription): StubObject {
  return {
    __typename: 'WebhookSubscription',
    id: subscription.id,
    topic: subscription.topic,
    uri: subscription.uri,
    format: subscription.format,
    createdAt: subscription.createdAt,
    updatedAt: subscription.createdAt,
  };
}

/** The documented required fields and ranges of DiscountCodeBasicInput / DiscountCodeFreeShippingInput. */
function discountInputErrors(
  type: StubDiscount['type'],
  root: string,
  input: Record<string, unknown>,
): StubUserError[] {
  const errors: StubUserError[] = [];
  const blank = (field: string) =>
    errors.push({ field: [root, field], message: `${field} can't be blank`, code: 'BLANK' });
  if (typeof input.code !== 'string' || !input.code.trim()) blank('code');
  if (typeof input.title !== 'string' || !input.title.trim()) blank('title');
  if (typeof input.startsAt !== 'string' || Number.isNaN(Date.parse(input.startsAt))) blank('startsAt');
  if (!input.context && !input.customerSelection) blank('context');
  const customers = (input.context as { customers?: { add?: unknown[] } } | undefined)?.customers?.add ?? [];
  for (const id of customers)
    if (!/^gid:\/\/shopify\/Customer\/\d+$/.test(String(id)))
      errors.push({
        field: [root, 'context', 'customers', 'add'],
        message: 'Customer does not exist',
        code: 'INVALID',
      });
  if (typeof input.endsAt === 'string' && typeof input.startsAt === 'string' && input.endsAt < input.startsAt)
    errors.push({
      field: [root, 'endsAt'],
      message: 'Ends at needs to be after starts_at',
      code: 'END_DATE_BEFORE_START_DATE',
    });
  if (type === 'DiscountCodeBasic') {
    const value = (input.customerGets as { value?: Record<string, unknown> } | undefined)?.value;
    if (!value) blank('customerGets');
    else if ('percentage' in value && !(Number(value.percentage) > 0 && Number(value.percentage) <= 1))
      errors.push({
        field: [root, 'customerGets', 'value', 'percentage'],
        message: 'Value must be between 0.0 and 1.0',
        code: 'VALUE_OUTSIDE_RANGE',
      });
  }
  return errors;
}
