/**
 * Coupons issued by journeys: one per run, node and visit, with a code unique across all
 * customers. Inserting does nothing on either conflict, so the caller can tell a retried visit
 * (its coupon is found) from a code collision (draw again). A coupon is `local` until the
 * connected store has it (`created`, with the store's discount id) or refused it (`refused`,
 * with the store's message); a retried visit reads which and does not ask the store again.
 */
import type { Query } from '../database';
import { prepared } from '../prepared-statements';
import type { CouponKind, CouponStoreStatus } from '../entities/coupon.entity';
import type { NodeVisitKey } from '../runs/run-ledger.queries';

export interface IssuedCouponRow {
  code: string;
  kind: CouponKind;
  /** numeric: PostgreSQL sends it as a string. */
  value: string;
  expires_at: Date | null;
  created_at: Date;
  store_status: CouponStoreStatus;
  store_discount_id: string | null;
  store_error: string | null;
  /**
   * The customer's external id, read in the same statement: a store coupon is limited to them
   * when it is a Shopify customer id (null when the customer is gone or has none).
   */
  customer_external_id: string | null;
}

const ISSUED_COLUMNS = `code, kind, value, expires_at, created_at, store_status, store_discount_id, store_error,
  (SELECT cu.external_id FROM customers cu WHERE cu.id = coupons.customer_id) AS customer_external_id`;

export interface NewCoupon extends NodeVisitKey {
  code: string;
  customerId: string;
  kind: CouponKind;
  value: number;
  expiresAt: string | null;
}

/** The coupon, or null when the visit already has one or the code is taken. */
export async function insertCoupon(query: Query, coupon: NewCoupon): Promise<IssuedCouponRow | null> {
  const rows = await query(
    prepared(
      'coupons.insert',
      `INSERT INTO coupons (code, customer_id, run_id, node_id, visit, kind, value, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING ${ISSUED_COLUMNS}`,
    ),
    [
      coupon.code,
      coupon.customerId,
      coupon.runId,
      coupon.nodeId,
      coupon.visit,
      coupon.kind,
      coupon.value,
      coupon.expiresAt,
    ],
  );
  return (rows[0] as unknown as IssuedCouponRow | undefined) ?? null;
}

/** The coupon this visit already issued, if any. */
export async function findVisitCoupon(query: Query, key: NodeVisitKey): Promise<IssuedCouponRow | null> {
  const rows = await query(
    `SELECT ${ISSUED_COLUMNS} FROM coupons WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
    [key.runId, key.nodeId, key.visit],
  );
  return (rows[0] as unknown as IssuedCouponRow | undefined) ?? null;
}

/** The store has the code now, as this discount. */
export async function markCouponCreatedInStore(
  query: Query,
  code: string,
  discountId: string,
): Promise<void> {
  await query(
    `UPDATE coupons SET store_status = 'created', store_discount_id = $2, store_error = NULL WHERE code = $1`,
    [code, discountId],
  );
}

/** The store refused the code: it must never be shown to the customer. */
export async function markCouponRefusedByStore(query: Query, code: string, error: string): Promise<void> {
  await query(`UPDATE coupons SET store_status = 'refused', store_error = $2 WHERE code = $1`, [code, error]);
}
