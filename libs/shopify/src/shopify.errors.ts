/**
 * What can go wrong when talking to a store, as one error type with a string code. `retryable`
 * says whether trying the same call again later can succeed: a caller running inside a Temporal
 * activity turns the others into non-retryable failures (a refused discount, a wrong token).
 */
export type ShopifyErrorCode =
  /** The Admin API refused the input (`userErrors`): retrying the same input gives the same answer. */
  | 'shopify_user_error'
  /** The token is wrong, revoked or lacks a scope (401, 403, ACCESS_DENIED). */
  | 'shopify_auth'
  /** Still throttled, or still failing with 5xx / network errors, after the bounded retries. */
  | 'shopify_unavailable'
  /** Any other GraphQL error (a query the schema does not know, a 4xx we do not expect). */
  | 'shopify_request'
  /** A bulk operation ended FAILED, CANCELED or EXPIRED, or the poll gave up. */
  | 'shopify_bulk_operation'
  /** The file host refused a bulk result URL: it expired; run the bulk operation again. */
  | 'shopify_bulk_url_expired'
  /** The configuration cannot work (no shop, an API version older than this lib's queries). */
  | 'shopify_config';

export class ShopifyError extends Error {
  constructor(
    readonly code: ShopifyErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ShopifyError';
  }
}

/** One entry of a mutation's `userErrors`. */
export interface ShopifyUserErrorDetail {
  /** The path to the input field at fault, as Shopify gives it (`["basicCodeDiscount", "code"]`), or null. */
  field: string[] | null;
  message: string;
  /** The error's enum code where the payload type has one (DiscountErrorCode `TAKEN`, …). */
  code: string | null;
}

/** The store refused a mutation's input. The message is the store's own, for the step to show. */
export class ShopifyUserError extends ShopifyError {
  constructor(
    readonly operation: string,
    readonly userErrors: ShopifyUserErrorDetail[],
  ) {
    super(
      'shopify_user_error',
      `${operation} refused by the store: ${describeUserErrors(userErrors)}`,
      false,
    );
    this.name = 'ShopifyUserError';
  }

  /** The first error's field path joined with dots (`basicCodeDiscount.code`), or null. */
  get field(): string | null {
    return this.userErrors[0]?.field?.join('.') ?? null;
  }

  /** The store's first message, without our prefix. */
  get storeMessage(): string {
    return this.userErrors[0]?.message ?? '';
  }
}

/** A token the store does not accept (or one without the scope a call needs), naming the shop. */
export class ShopifyAuthError extends ShopifyError {
  constructor(
    readonly shop: string,
    detail: string,
    status?: number,
  ) {
    super('shopify_auth', `Shopify store ${shop} refused the Admin API token: ${detail}`, false, status);
    this.name = 'ShopifyAuthError';
  }
}

/** The bulk result URL answered as expired or gone: the bulk operation has to be run again. */
export class BulkUrlExpiredError extends ShopifyError {
  constructor(status: number) {
    super(
      'shopify_bulk_url_expired',
      `the bulk operation's result URL is no longer valid (HTTP ${status}): run the bulk operation again`,
      false,
      status,
    );
    this.name = 'BulkUrlExpiredError';
  }
}

export function describeUserErrors(errors: ShopifyUserErrorDetail[]): string {
  return errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ');
}
