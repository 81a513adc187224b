/**
 * Unique coupon codes, created in the connected store before any later step can show them. One
 * code per run, node and visit: a retried activity finds the code it already drew instead of
 * minting a second one, then asks the store only while the code is still `local` — and the store
 * client looks the code up before creating it, so a worker killed between "created in the store"
 * and "recorded here" ends with one code in the store, recorded on the next attempt.
 *
 * What the store says decides the coupon: created (its discount id recorded), refused for good
 * (`userErrors`, a token it does not accept: recorded with the store's message; the step fails and
 * no message shows the code), or not reachable yet (throttled or 5xx past the client's own
 * retries: the error is thrown and Temporal retries the activity). Without a connected store the
 * code stays local and the step says so.
 *
 * A customer with no Shopify customer id (known only through the event API or a form) cannot get a
 * code limited to them: the store has no customer to limit it to. They get a one-use code any buyer
 * may use (the eight random characters are the protection), so a shopper who checks out as a new
 * Shopify customer can still use it; the step says so.
 */
import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Database,
  findVisitCoupon,
  insertCoupon,
  markCouponCreatedInStore,
  markCouponRefusedByStore,
  type IssuedCouponRow,
} from '@waypoint/data';
import { ConnectedStore, describeUserErrors, ShopifyError, ShopifyUserError } from '@waypoint/shopify';
import type { CouponInStore, IssueCouponInput, IssuedCoupon } from '@waypoint/workflows';

// No 0/O or 1/I: codes are read off screens and typed at checkout.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

@Injectable()
export class CouponActivities {
  constructor(
    private readonly db: Database,
    private readonly store: ConnectedStore,
  ) {}

  async issueCoupon(input: IssueCouponInput): Promise<IssuedCoupon> {
    // The row carries the customer's external id (one statement, no separate customer load).
    const row = await this.visitCoupon(input);
    const customerGid = shopifyCustomerGid(row.customer_external_id);
    if (row.store_status !== 'local') return toCoupon(row, customerGid);
    try {
      const admin = await this.store.admin();
      if (!admin) return toCoupon(row, customerGid);
      const { discountId } = await admin.createCustomerDiscountCode({
        code: row.code,
        title: `Waypoint journey coupon ${row.code}`,
        kind: row.kind,
        value: Number(row.value),
        customerGid,
        startsAt: row.created_at,
        endsAt: row.expires_at,
      });
      await markCouponCreatedInStore(this.db.query, row.code, discountId);
      return toCoupon({ ...row, store_status: 'created', store_discount_id: discountId }, customerGid);
    } catch (error) {
      // Throttled past the client's waits, 5xx, the network: Temporal tries the activity again.
      if (!(error instanceof ShopifyError) || error.retryable) throw error;
      const why = error instanceof ShopifyUserError ? describeUserErrors(error.userErrors) : error.message;
      await markCouponRefusedByStore(this.db.query, row.code, why);
      return toCoupon({ ...row, store_status: 'refused', store_error: why }, customerGid);
    }
  }

  /** The visit's coupon: the one already drawn (a retry), else a new unused code. */
  private async visitCoupon(input: IssueCouponInput): Promise<IssuedCouponRow> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const issued = await insertCoupon(this.db.query, { ...input, code: newCode(input.prefix) });
      if (issued) return issued;
      const existing = await findVisitCoupon(this.db.query, input);
      if (existing) return existing;
      // Otherwise the random code collided with another customer's: draw again.
    }
    throw new Error('could not draw an unused coupon code in 5 attempts');
  }
}

export function newCode(prefix: string): string {
  let random = '';
  for (let i = 0; i < CODE_LENGTH; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  const clean = prefix.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean ? `${clean}-${random}` : random;
}

/**
 * The customer's Shopify gid, from their external id when it is a Shopify customer id (what the
 * Shopify webhooks and the history import store); null for a customer the store does not know.
 */
export function shopifyCustomerGid(externalId: string | null): string | null {
  const id = externalId?.trim() ?? '';
  if (/^\d+$/.test(id)) return `gid://shopify/Customer/${id}`;
  return /^gid:\/\/shopify\/Customer\/\d+$/.test(id) ? id : null;
}

function toCoupon(row: IssuedCouponRow, customerGid: string | null): IssuedCoupon {
  return {
    code: row.code,
    kind: row.kind,
    value: Number(row.value),
    expiresAt: row.expires_at?.toISOString() ?? null,
    store: inStore(row, customerGid),
  };
}

function inStore(row: IssuedCouponRow, customerGid: string | null): CouponInStore {
  const status = row.store_status;
  if (status === 'refused')
    return {
      status,
      discountId: null,
      reason: `coupon ${row.code} refused by the store: ${row.store_error ?? 'no reason given'}; no message will show it`,
    };
  if (status === 'local')
    return {
      status,
      discountId: null,
      reason: `issued coupon ${row.code} (not created in a store: no store connected)`,
    };
  const who = customerGid
    ? 'for this customer only'
    : 'open to any buyer, as the customer has no Shopify customer id';
  const until = row.expires_at ? `until ${row.expires_at.toISOString()}` : 'no expiry';
  return {
    status,
    discountId: row.store_discount_id,
    reason: `issued coupon ${row.code}, created in the store as ${row.store_discount_id}: one use, ${who}, ${until}`,
  };
}
