/**
 * The computed attributes kept current on each order (docs/product.md, Computed attributes):
 * orders count, total spent (historic CLTV), average order value, first and last order, mean days
 * between orders, discount share, lifecycle stage and loyalty tier. Recomputed from the customer's
 * own order events, so an out-of-order or repeated delivery cannot skew them; a stage change emits
 * lifecycle.stage_changed and a tier change loyalty.tier_changed.
 */
import { insertCanonicalEvent, notCancelledSql, orderTotalSql, type Query } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import type { LifecycleSettings } from './lifecycle-settings';
import { lifecycleStage, loyaltyTier, type LifecycleStage } from './lifecycle-stage';

export interface StageChange {
  customerId: string;
  from: LifecycleStage;
  to: LifecycleStage;
  eventId: string | null;
}

interface MetricsRow {
  orders: number;
  spent: string;
  first_at: Date | null;
  last_at: Date | null;
  discounted: string | null;
  stage: LifecycleStage;
  points: number;
  tier: string | null;
}

/** What recomputing a customer changed that journeys may start on. */
export interface CustomerChanges {
  stage: StageChange | null;
  tier: TierChange | null;
}

export interface TierChange {
  customerId: string;
  from: string | null;
  to: string | null;
  /** The new tier ranks above the old one (by minimum points); joining the entry tier is not. */
  upgrade: boolean;
  eventId: string | null;
}

export async function recomputeCustomer(
  query: Query,
  customerId: string,
  settings: LifecycleSettings,
  now: Date,
): Promise<CustomerChanges> {
  const [row] = (await query(
    `WITH orders AS (
       SELECT DISTINCT ON (e.properties ->> 'orderId') e.occurred_at,
              ${orderTotalSql()} AS total,
              COALESCE(e.properties ->> 'usedDiscount', 'false') = 'true' AS discounted
         FROM events e
        WHERE e.customer_id = $1 AND e.type = 'order.placed' AND ${notCancelledSql()}
        ORDER BY e.properties ->> 'orderId', e.occurred_at
     )
     SELECT count(*)::int AS orders, COALESCE(sum(total), 0) AS spent, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
            avg(discounted::int) AS discounted,
            (SELECT lifecycle_stage FROM customers WHERE id = $1) AS stage,
            (SELECT loyalty_points FROM customers WHERE id = $1) AS points,
            (SELECT loyalty_tier FROM customers WHERE id = $1) AS tier
       FROM orders`,
    [customerId],
  )) as unknown as MetricsRow[];
  const spent = Number(row.spent);
  const meanDays =
    row.orders > 1 && row.first_at && row.last_at
      ? (row.last_at.getTime() - row.first_at.getTime()) / 86_400_000 / (row.orders - 1)
      : null;
  const stage = lifecycleStage(
    { ordersCount: row.orders, totalSpent: spent, lastOrderAt: row.last_at, meanDaysBetweenOrders: meanDays },
    settings,
    now,
  );
  const tier = loyaltyTier(row.points, settings);
  await query(
    `UPDATE customers SET orders_count = $2, total_spent = $3, average_order_value = $4, first_order_at = $5, last_order_at = $6,
            mean_days_between_orders = $7, discount_share = $8, lifecycle_stage = $9, loyalty_tier = $10,
            stage_changed_at = CASE WHEN lifecycle_stage <> $9 THEN $11 ELSE stage_changed_at END, updated_at = now()
      WHERE id = $1`,
    [
      customerId,
      row.orders,
      spent,
      row.orders > 0 ? spent / row.orders : null,
      row.first_at,
      row.last_at,
      meanDays,
      row.discounted === null ? null : Number(row.discounted),
      stage,
      tier,
      now,
    ],
  );
  return {
    stage: stage === row.stage ? null : await emitStageChange(query, customerId, row.stage, stage, now),
    tier:
      tier === row.tier
        ? null
        : await emitTierChange(query, customerId, row.tier, tier, row.points, settings, now),
  };
}

export async function emitStageChange(
  query: Query,
  customerId: string,
  from: LifecycleStage,
  to: LifecycleStage,
  at: Date,
): Promise<StageChange> {
  const eventId = await insertCanonicalEvent(query, {
    customerId,
    type: 'lifecycle.stage_changed',
    properties: { from, to },
    occurredAt: at,
    idempotencyKey: `lifecycle:${customerId}:${from}:${to}:${at.toISOString()}`,
    source: 'waypoint:lifecycle',
  });
  return { customerId, from, to, eventId };
}

/**
 * `loyalty.tier_changed` {from, to, points, upgrade}: the loyalty tier-upgrade journey starts on
 * `upgrade` (docs/product.md, Loyalty). Tiers rank by their minimum points; no tier ranks lowest,
 * so reaching the entry tier (0 points) is a change but not an upgrade.
 */
export async function emitTierChange(
  query: Query,
  customerId: string,
  from: string | null,
  to: string | null,
  points: number,
  settings: LifecycleSettings,
  at: Date,
): Promise<TierChange> {
  const rank = (name: string | null) =>
    name === null ? 0 : (settings.tiers.find((t) => t.name === name)?.minPoints ?? 0);
  const upgrade = to !== null && rank(to) > rank(from);
  const eventId = await insertCanonicalEvent(query, {
    customerId,
    type: EVENT.loyaltyTierChanged,
    properties: { from, to, points, upgrade },
    occurredAt: at,
    idempotencyKey: `loyalty-tier:${customerId}:${from ?? ''}:${to ?? ''}:${at.toISOString()}`,
    source: 'waypoint:loyalty',
  });
  return { customerId, from, to, upgrade, eventId };
}

/** Loyalty points for an order (and back out for its cancellation). */
export async function awardOrderPoints(
  query: Query,
  customerId: string,
  total: number,
  settings: LifecycleSettings,
  sign: 1 | -1,
): Promise<void> {
  const points = Math.floor(total * settings.pointsPerCurrencyUnit) * sign;
  if (points !== 0) {
    await query(`UPDATE customers SET loyalty_points = GREATEST(0, loyalty_points + $2) WHERE id = $1`, [
      customerId,
      points,
    ]);
  }
}
