/**
 * One-customer, one-use discount codes created in the store, idempotently: the code is looked up
 * first (`codeDiscountNodeByCode`), so an activity retried after a crash between "created" and
 * "recorded" finds the code it made instead of making a second one; a create refused as TAKEN
 * (a concurrent or lost-answer create of the same code) is looked up again the same way.
 *
 * Checked against the Admin GraphQL schema 2026-04 (operations and variables validated with
 * graphql-js), Shopify's changelog and the shopify.dev reference for 2025-10:
 * `discountCodeBasicCreate(basicCodeDiscount: DiscountCodeBasicInput!)`,
 * `discountCodeFreeShippingCreate(freeShippingCodeDiscount: DiscountCodeFreeShippingInput!)`, both
 * answering `{ codeDiscountNode { id } userErrors { field message code } }` (DiscountUserError);
 * input `context: { customers: { add: [gid] } }` (DiscountContextInput, new in 2025-10, replacing
 * the deprecated `customerSelection`; `{ all: ALL }` for any buyer), `customerGets: { value: { percentage } | { discountAmount:
 * { amount appliesOnEachItem } }, items: { all: true } }`, `destination: { all: true }`,
 * `usageLimit`, `appliesOncePerCustomer`, `startsAt` (required), `endsAt`.
 */
import { shopifyGid, throwUserErrors, type AdminGraphql, type UserErrorPayload } from './admin-graphql';
import { ShopifyUserError } from './shopify.errors';

export type DiscountKind = 'percent' | 'fixed' | 'free_shipping';

export interface CustomerDiscountCodeInput {
  /** The code the customer types at checkout. */
  code: string;
  /** The discount's title in the store's admin. */
  title: string;
  kind: DiscountKind;
  /** Percent off (15 means 15 %) for `percent`; an amount in the store's currency for `fixed`; ignored for `free_shipping`. */
  value: number;
  /** The currency `value` is in, for `fixed`: refused if it is not the store's currency. */
  currency?: string | null;
  /**
   * The one customer who may use it: a `gid://shopify/Customer/…` or the numeric id. Null: any
   * buyer may use it (`context: { all: ALL }`), still once, for a customer the store does not know yet.
   */
  customerGid: string | null;
  /** When the code stops working (null: never). */
  endsAt: Date | string | null;
  /** When it starts working; now by default. */
  startsAt?: Date | string;
}

export interface CustomerDiscountCode {
  /** The DiscountCodeNode gid (`gid://shopify/DiscountCodeNode/…`), for the step to record. */
  discountId: string;
  /** False when the code already existed (an earlier attempt created it). */
  created: boolean;
}

export const CODE_DISCOUNT_BY_CODE_QUERY = `#graphql
  query WaypointCodeDiscountByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount {
        __typename
        ... on DiscountCodeBasic {
          title
          status
          endsAt
          usageLimit
        }
        ... on DiscountCodeFreeShipping {
          title
          status
          endsAt
          usageLimit
        }
      }
    }
  }
`;

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation WaypointDiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const DISCOUNT_CODE_FREE_SHIPPING_CREATE = `#graphql
  mutation WaypointDiscountCodeFreeShippingCreate($freeShippingCodeDiscount: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $freeShippingCodeDiscount) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface ExistingCodeDiscount {
  id: string;
  type: string;
  title: string | null;
  status: string | null;
  endsAt: string | null;
  usageLimit: number | null;
}

interface ByCodeAnswer {
  codeDiscountNodeByCode: {
    id: string;
    codeDiscount: {
      __typename: string;
      title?: string;
      status?: string;
      endsAt?: string | null;
      usageLimit?: number | null;
    };
  } | null;
}

interface CreatePayload {
  codeDiscountNode: { id: string } | null;
  userErrors: UserErrorPayload[];
}

/** The store's code discount with this code, or null. */
export async function findCodeDiscount(
  admin: AdminGraphql,
  code: string,
): Promise<ExistingCodeDiscount | null> {
  const { codeDiscountNodeByCode: node } = await admin.request<ByCodeAnswer>(CODE_DISCOUNT_BY_CODE_QUERY, {
    code,
  });
  if (!node) return null;
  const discount = node.codeDiscount;
  return {
    id: node.id,
    type: discount.__typename,
    title: discount.title ?? null,
    status: discount.status ?? null,
    endsAt: discount.endsAt ?? null,
    usageLimit: discount.usageLimit ?? null,
  };
}

/**
 * Creates `input.code` for one customer, one use, unless the store already has that code.
 * `shopCurrency` is asked only for fixed amounts with a currency.
 */
export async function createCustomerDiscountCode(
  admin: AdminGraphql,
  input: CustomerDiscountCodeInput,
  shopCurrency: () => Promise<string>,
): Promise<CustomerDiscountCode> {
  const operation =
    input.kind === 'free_shipping' ? 'discountCodeFreeShippingCreate' : 'discountCodeBasicCreate';
  checkInput(operation, input);
  const existing = await findCodeDiscount(admin, input.code);
  if (existing) return { discountId: existing.id, created: false };
  if (input.kind === 'fixed' && input.currency) {
    const currency = await shopCurrency();
    if (currency.toUpperCase() !== input.currency.toUpperCase())
      throw refused(
        operation,
        ['basicCodeDiscount', 'customerGets', 'value', 'discountAmount', 'amount'],
        `the amount is in ${input.currency.toUpperCase()} but the store's currency is ${currency}`,
      );
  }
  try {
    const payload = await createOnce(admin, input);
    throwUserErrors(operation, payload.userErrors);
    if (!payload.codeDiscountNode) throw refused(operation, null, 'the store created no discount');
    return { discountId: payload.codeDiscountNode.id, created: true };
  } catch (error) {
    if (!(error instanceof ShopifyUserError) || !error.userErrors.some((e) => e.code === 'TAKEN'))
      throw error;
    const taken = await findCodeDiscount(admin, input.code);
    if (!taken) throw error;
    return { discountId: taken.id, created: false };
  }
}

async function createOnce(admin: AdminGraphql, input: CustomerDiscountCodeInput): Promise<CreatePayload> {
  const common = {
    title: input.title,
    code: input.code,
    startsAt: isoInstant(input.startsAt ?? new Date()),
    endsAt: input.endsAt === null ? null : isoInstant(input.endsAt),
    context:
      input.customerGid === null
        ? { all: 'ALL' }
        : { customers: { add: [shopifyGid('Customer', input.customerGid)] } },
    usageLimit: 1,
    appliesOncePerCustomer: true,
  };
  if (input.kind === 'free_shipping') {
    const answer = await admin.request<{ discountCodeFreeShippingCreate: CreatePayload }>(
      DISCOUNT_CODE_FREE_SHIPPING_CREATE,
      { freeShippingCodeDiscount: { ...common, destination: { all: true } } },
    );
    return answer.discountCodeFreeShippingCreate;
  }
  const value =
    input.kind === 'percent'
      ? { percentage: roundTo(input.value / 100, 4) }
      : { discountAmount: { amount: roundTo(input.value, 2).toFixed(2), appliesOnEachItem: false } };
  const answer = await admin.request<{ discountCodeBasicCreate: CreatePayload }>(DISCOUNT_CODE_BASIC_CREATE, {
    basicCodeDiscount: { ...common, customerGets: { value, items: { all: true } } },
  });
  return answer.discountCodeBasicCreate;
}

/** Input the store would refuse anyway is refused here the same way, without a request. */
function checkInput(operation: string, input: CustomerDiscountCodeInput): void {
  const root = input.kind === 'free_shipping' ? 'freeShippingCodeDiscount' : 'basicCodeDiscount';
  if (!input.code.trim()) throw refused(operation, [root, 'code'], 'the code is empty');
  if (!input.title.trim()) throw refused(operation, [root, 'title'], 'the title is empty');
  if (input.kind === 'percent' && !(input.value > 0 && input.value <= 100))
    throw refused(
      operation,
      [root, 'customerGets', 'value', 'percentage'],
      'a percentage must be above 0 and at most 100',
    );
  if (input.kind === 'fixed' && !(input.value > 0 && Number.isFinite(input.value)))
    throw refused(
      operation,
      [root, 'customerGets', 'value', 'discountAmount', 'amount'],
      'the amount must be above 0',
    );
}

function refused(operation: string, field: string[] | null, message: string): ShopifyUserError {
  return new ShopifyUserError(operation, [{ field, message, code: 'INVALID' }]);
}

function isoInstant(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date.toISOString();
}

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
