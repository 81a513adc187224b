/**
 * How many customers each lifecycle stage would hold under other thresholds, without changing
 * anyone: one set-based statement over the stored order history (orders, total spent, last order,
 * mean gap), with the stage rule of lifecycle-stage.ts written in SQL as history-recompute.ts does.
 */
import type { Query } from '@waypoint/data';
import { LIFECYCLE_STAGES, type LifecycleStage } from './lifecycle-stage';
import type { LifecycleSettings } from './lifecycle-settings';

export interface LifecycleStageCounts {
  /** Per stage, under the thresholds given. */
  stages: Record<LifecycleStage, number>;
  /** Per stage, as stored now. */
  current: Record<LifecycleStage, number>;
  customers: number;
}

export async function previewLifecycleStages(
  query: Query,
  settings: LifecycleSettings,
  now: Date,
): Promise<LifecycleStageCounts> {
  const rows = (await query(
    `WITH timed AS (
       SELECT c.lifecycle_stage AS stored, c.orders_count AS orders, c.total_spent AS spent, c.last_order_at,
              c.mean_days_between_orders::float8 AS mean_days,
              (extract(epoch FROM $1::timestamptz) - extract(epoch FROM c.last_order_at)) / 86400 AS days_since
         FROM customers c
     ), staged AS (
       SELECT stored,
              CASE WHEN orders = 0 OR last_order_at IS NULL THEN 'lead'
                   WHEN days_since > $2 THEN 'inactive'
                   WHEN days_since > GREATEST($3::float8, COALESCE(NULLIF(mean_days, 0) * $4, 0)) THEN 'at_risk'
                   WHEN spent >= $5 THEN 'vip'
                   WHEN orders >= $6 THEN 'loyal'
                   WHEN orders = 1 THEN 'first_time'
                   ELSE 'repeat' END AS stage
         FROM timed
     )
     SELECT 'preview' AS kind, stage, count(*)::int AS n FROM staged GROUP BY stage
     UNION ALL
     SELECT 'current', stored, count(*)::int FROM staged GROUP BY stored`,
    [
      now,
      settings.inactiveDays,
      settings.atRiskDays,
      settings.atRiskRhythmFactor,
      settings.vipSpent,
      settings.loyalOrders,
    ],
  )) as unknown as Array<{ kind: 'preview' | 'current'; stage: string | null; n: number }>;
  const empty = () =>
    Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  const counts = { stages: empty(), current: empty(), customers: 0 };
  for (const row of rows) {
    const stage = row.stage as LifecycleStage;
    if (!LIFECYCLE_STAGES.includes(stage)) continue;
    if (row.kind === 'preview') {
      counts.stages[stage] += row.n;
      counts.customers += row.n;
    } else counts.current[stage] += row.n;
  }
  return counts;
}
