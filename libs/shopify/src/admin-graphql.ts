/**
 * What the operation modules (shop info, webhooks, discounts, consent, bulk) need from the client:
 * one GraphQL request that already honours throttling and retries, and the shop it talks to.
 * Mutations answer with `userErrors`, which become a ShopifyUserError here, never a retry.
 */
import { ShopifyUserError, type ShopifyUserErrorDetail } from './shopify.errors';

export interface AdminGraphql {
  /** `name.myshopify.com`. */
  readonly shop: string;
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** A mutation payload's `userErrors` as Shopify returns them (field may be null; code is optional). */
export interface UserErrorPayload {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** Throws the payload's `userErrors` (if any) as a ShopifyUserError naming the mutation. */
export function throwUserErrors(operation: string, userErrors: UserErrorPayload[] | null | undefined): void {
  if (!userErrors?.length) return;
  throw new ShopifyUserError(operation, userErrors.map(userErrorDetail));
}

export function userErrorDetail(error: UserErrorPayload): ShopifyUserErrorDetail {
  return { field: error.field ?? null, message: error.message, code: error.code ?? null };
}

/** `gid://shopify/Customer/123` → `123` (the id webhooks and the REST API use); null otherwise. */
export function legacyId(gid: string | null | undefined): string | null {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(\?.*)?$/.exec(gid ?? '');
  return match ? match[1] : null;
}

/** `123` (or a gid) → `gid://shopify/{type}/123`. */
export function shopifyGid(type: string, id: string | number): string {
  const text = String(id);
  return text.startsWith('gid://') ? text : `gid://shopify/${type}/${text}`;
}
