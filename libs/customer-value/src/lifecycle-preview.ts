/**
 * How many customers each lifecycle stage would hold under other thresholds, without changing
 * anyone: one set-based statement over the stored order history (orders, total spent, last order,
 * mean gap), with the stage rule of lifecycle-stage.ts written in SQL as history-recompute.ts does.
 */
import type { Query } from '@waypoint/data';
import {
  LIFECYCLE_STAGES,
  lifecycleStageParams,
  lifecycleStageSql,
  type LifecycleStage,
} from './lifecycle-stage';
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
              ${lifecycleStageSql({ orders: 'orders', lastOrderAt: 'last_order_at', daysSince: 'days_since', meanDays: 'mean_days', spent: 'spent' }, 2)} AS stage
         FROM timed
     )
     SELECT 'preview' AS kind, stage, count(*)::int AS n FROM staged GROUP BY stage
     UNION ALL
     SELECT 'current', stored, count(*)::int FROM staged GROUP BY stored`,
    [now, ...lifecycleStageParams(settings)],
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
