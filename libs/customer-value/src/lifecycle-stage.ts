/**
 * A customer's lifecycle stage from their order history (docs/product.md, Lifecycle): lead,
 * first_time, repeat, loyal, vip, and — when the gap since the last order outgrows their rhythm —
 * at_risk, inactive.
 */
import type { LifecycleSettings } from './lifecycle-settings';

import { LIFECYCLE_STAGES, type LifecycleStage } from '@waypoint/journey';

export { LIFECYCLE_STAGES, type LifecycleStage };

export interface OrderHistory {
  ordersCount: number;
  totalSpent: number;
  lastOrderAt: Date | null;
  meanDaysBetweenOrders: number | null;
}

const DAY = 86_400_000;

export function lifecycleStage(
  history: OrderHistory,
  settings: LifecycleSettings,
  now: Date,
): LifecycleStage {
  if (history.ordersCount === 0 || !history.lastOrderAt) return 'lead';
  const daysSince = (now.getTime() - history.lastOrderAt.getTime()) / DAY;
  if (daysSince > settings.inactiveDays) return 'inactive';
  const rhythm = history.meanDaysBetweenOrders
    ? history.meanDaysBetweenOrders * settings.atRiskRhythmFactor
    : 0;
  if (daysSince > Math.max(settings.atRiskDays, rhythm)) return 'at_risk';
  if (history.totalSpent >= settings.vipSpent) return 'vip';
  if (history.ordersCount >= settings.loyalOrders) return 'loyal';
  return history.ordersCount === 1 ? 'first_time' : 'repeat';
}

/**
 * `lifecycleStage` in SQL, for set-based statements: `column` names the order history's columns,
 * and the thresholds are the five bound parameters from `$first`, in `lifecycleStageParams` order.
 */
export function lifecycleStageSql(
  column: { orders: string; lastOrderAt: string; daysSince: string; meanDays: string; spent: string },
  first: number,
): string {
  const [inactiveDays, atRiskDays, rhythmFactor, vipSpent, loyalOrders] = [0, 1, 2, 3, 4].map(
    (i) => `$${first + i}`,
  );
  return `CASE WHEN ${column.orders} = 0 OR ${column.lastOrderAt} IS NULL THEN 'lead'
                   WHEN ${column.daysSince} > ${inactiveDays} THEN 'inactive'
                   WHEN ${column.daysSince} > GREATEST(${atRiskDays}::float8, COALESCE(NULLIF(${column.meanDays}, 0) * ${rhythmFactor}, 0)) THEN 'at_risk'
                   WHEN ${column.spent} >= ${vipSpent} THEN 'vip'
                   WHEN ${column.orders} >= ${loyalOrders} THEN 'loyal'
                   WHEN ${column.orders} = 1 THEN 'first_time'
                   ELSE 'repeat' END`;
}

export function lifecycleStageParams(settings: LifecycleSettings): number[] {
  return [
    settings.inactiveDays,
    settings.atRiskDays,
    settings.atRiskRhythmFactor,
    settings.vipSpent,
    settings.loyalOrders,
  ];
}

export function loyaltyTier(points: number, settings: LifecycleSettings): string | null {
  const reached = settings.tiers.filter((t) => points >= t.minPoints);
  return reached.length > 0 ? reached.reduce((a, b) => (b.minPoints > a.minPoints ? b : a)).name : null;
}
