/**
 * Redemption: an order whose discount codes include a code a journey issued marks that coupon
 * redeemed (once: the first order to use it wins, a repeated or later delivery changes nothing)
 * and records `coupon.redeemed` for the customer the coupon was issued to, with the run and
 * journey that issued it, so journeys can exit or branch on it. Runs inside the caller's
 * transaction (the one storing the order), for one order or a whole imported batch at once.
 */
import { EVENT } from '@waypoint/journey';
import { insertCanonicalEvent } from '../canonical-events';
import type { Query } from '../database';

/** One code used by one order. */
export interface CouponUse {
  code: string;
  orderId: string | null;
  /** What the code took off the order, when the order says. */
  amount: number | null;
  usedAt: Date;
}

/** An order as a canonical event (`order.placed` / `order.paid`): its type, properties and time. */
export interface OrderLike {
  type: string;
  properties: Record<string, unknown>;
  occurredAt: Date | string;
}

const REDEEMING_EVENTS = new Set<string>([EVENT.orderPlaced, EVENT.orderPaid]);

/** Whether the event is an order naming discount codes (so it may redeem an issued coupon). */
export function mayRedeemCoupons(event: Pick<OrderLike, 'type' | 'properties'>): boolean {
  const codes = event.properties.discountCodes;
  return REDEEMING_EVENTS.has(event.type) && Array.isArray(codes) && codes.length > 0;
}

/**
 * The codes an order used. The amount is the order's total discount when it used one code, which
 * is always so for a Waypoint code (created combining with no other discount); with several codes
 * the order does not say what each took, and the amount is null.
 */
export function couponUsesOf(order: OrderLike): CouponUse[] {
  if (!mayRedeemCoupons(order)) return [];
  const p = order.properties;
  const codes = (p.discountCodes as unknown[]).filter((c): c is string => typeof c === 'string' && c !== '');
  const amount = codes.length === 1 ? numberOrNull(p.totalDiscounts) : null;
  const orderId = p.orderId === null || p.orderId === undefined ? null : String(p.orderId);
  const usedAt = new Date(order.occurredAt);
  return codes.map((code) => ({ code, orderId, amount, usedAt }));
}

export interface RedeemedCoupon {
  couponId: string;
  code: string;
  customerId: string;
  runId: string;
  journeyId: string;
  nodeId: string;
  orderId: string | null;
  amount: number | null;
  redeemedAt: Date;
  /** The `coupon.redeemed` event, null when one was already recorded for the coupon. */
  eventId: string | null;
}

/**
 * Marks the issued coupons among `uses` redeemed and records `coupon.redeemed` for each; returns
 * those redeemed now (a coupon already redeemed is not redeemed again). The events are stored
 * unrouted: the caller routes the returned ids (or, importing history, leaves them as facts).
 */
export async function redeemCoupons(query: Query, uses: CouponUse[]): Promise<RedeemedCoupon[]> {
  if (uses.length === 0) return [];
  // Issued codes are upper case (libs' code alphabet); shoppers may type them in any case.
  const rows = (await query(
    `WITH used AS (
       SELECT DISTINCT ON (code) code, order_id, amount, used_at
         FROM unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[]) AS u(code, order_id, amount, used_at)
        ORDER BY code, used_at
     ), redeemed AS (
       UPDATE coupons c
          SET redeemed_at = used.used_at, redeemed_order_id = used.order_id, redeemed_amount = used.amount
         FROM used
        WHERE c.code = used.code AND c.redeemed_at IS NULL
       RETURNING c.id, c.code, c.customer_id, c.run_id, c.node_id, c.redeemed_order_id, c.redeemed_amount,
                 c.redeemed_at
     )
     SELECT d.id AS "couponId", d.code, d.customer_id AS "customerId", d.run_id AS "runId",
            r.journey_id AS "journeyId", d.node_id AS "nodeId", d.redeemed_order_id AS "orderId",
            d.redeemed_amount::float AS amount, d.redeemed_at AS "redeemedAt"
       FROM redeemed d JOIN runs r ON r.id = d.run_id`,
    [
      uses.map((u) => u.code.trim().toUpperCase()),
      uses.map((u) => u.orderId),
      uses.map((u) => u.amount),
      uses.map((u) => u.usedAt),
    ],
  )) as unknown as Array<Omit<RedeemedCoupon, 'eventId'>>;
  const redeemed: RedeemedCoupon[] = [];
  for (const row of rows) {
    const eventId = await insertCanonicalEvent(query, {
      customerId: row.customerId,
      type: EVENT.couponRedeemed,
      properties: {
        code: row.code,
        runId: row.runId,
        journeyId: row.journeyId,
        nodeId: row.nodeId,
        orderId: row.orderId,
        amount: row.amount,
      },
      occurredAt: row.redeemedAt,
      idempotencyKey: `coupon.redeemed:${row.couponId}`,
      source: 'waypoint:coupons',
    });
    redeemed.push({ ...row, eventId });
  }
  return redeemed;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
