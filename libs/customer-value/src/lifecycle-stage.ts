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

export function loyaltyTier(points: number, settings: LifecycleSettings): string | null {
  const reached = settings.tiers.filter((t) => points >= t.minPoints);
  return reached.length > 0 ? reached.reduce((a, b) => (b.minPoints > a.minPoints ? b : a)).name : null;
}
