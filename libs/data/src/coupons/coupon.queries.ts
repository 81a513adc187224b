/**
 * Coupons issued by journeys: one per run, node and visit, with a code unique across all
 * customers. Inserting does nothing on either conflict, so the caller can tell a retried visit
 * (its coupon is found) from a code collision (draw again).
 */
import type { Query } from '../database';
import type { CouponKind } from '../entities/coupon.entity';
import type { NodeVisitKey } from '../runs/run-ledger.queries';

export interface IssuedCouponRow {
  code: string;
  kind: CouponKind;
  /** numeric: PostgreSQL sends it as a string. */
  value: string;
  expires_at: Date | null;
}

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
    `INSERT INTO coupons (code, customer_id, run_id, node_id, visit, kind, value, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING code, kind, value, expires_at`,
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
    `SELECT code, kind, value, expires_at FROM coupons WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
    [key.runId, key.nodeId, key.visit],
  );
  return (rows[0] as unknown as IssuedCouponRow | undefined) ?? null;
}
