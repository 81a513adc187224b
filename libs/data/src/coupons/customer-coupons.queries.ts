/**
 * A customer's coupons for their page: each with the journey that issued it, whether it is still
 * open (`issued`), was used (`redeemed`, by which order, for how much) or ran out (`expired`), and
 * where the connected store stands on it (created with its discount id, refused with why, or local).
 */
import type { Query } from '../database';

export type CouponState = 'issued' | 'redeemed' | 'expired';

export interface CustomerCouponRow {
  code: string;
  kind: string;
  value: number;
  state: CouponState;
  issuedAt: Date;
  expiresAt: Date | null;
  runId: string;
  journeyId: string;
  journeyName: string;
  nodeId: string;
  storeStatus: string;
  storeDiscountId: string | null;
  storeError: string | null;
  redeemedAt: Date | null;
  redeemedOrderId: string | null;
  redeemedAmount: number | null;
}

/** Newest first, at most 100. */
export async function customerCoupons(query: Query, customerId: string): Promise<CustomerCouponRow[]> {
  return (await query(
    `SELECT c.code, c.kind, c.value::float AS value,
            CASE WHEN c.redeemed_at IS NOT NULL THEN 'redeemed'
                 WHEN c.expires_at IS NOT NULL AND c.expires_at <= now() THEN 'expired'
                 ELSE 'issued' END AS state,
            c.created_at AS "issuedAt", c.expires_at AS "expiresAt", c.run_id AS "runId",
            r.journey_id AS "journeyId", j.name AS "journeyName", c.node_id AS "nodeId",
            c.store_status AS "storeStatus", c.store_discount_id AS "storeDiscountId",
            c.store_error AS "storeError", c.redeemed_at AS "redeemedAt",
            c.redeemed_order_id AS "redeemedOrderId", c.redeemed_amount::float AS "redeemedAmount"
       FROM coupons c JOIN runs r ON r.id = c.run_id JOIN journeys j ON j.id = r.journey_id
      WHERE c.customer_id = $1
      ORDER BY c.created_at DESC LIMIT 100`,
    [customerId],
  )) as unknown as CustomerCouponRow[];
}
