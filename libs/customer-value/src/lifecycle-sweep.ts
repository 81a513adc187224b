/**
 * The daily sweep (run by a Temporal Schedule): moves customers whose last order is aging into
 * at_risk / inactive (emitting lifecycle.stage_changed), emits replenishment.due and birthdays
 * (`date.reached`, libs/data's birthday.queries.ts), and relearns reorder intervals. Idempotent: running it twice on the same day changes nothing more. Each
 * change commits with the event it emits (a crash between the two would leave a change no retry
 * sees), and a stage moves only from the stage the sweep read, so a second sweep at the same time
 * or a retry emits nothing twice (docs/architecture.md, "Replicas").
 */
import { emitBirthdaysDue, type Query } from '@waypoint/data';
import { emitStageChange } from './customer-metrics';
import { loadLifecycleSettings } from './lifecycle-settings';
import { lifecycleStage, type LifecycleStage } from './lifecycle-stage';
import { emitDueReplenishments, learnReorderIntervals } from './replenishment';
import { refreshSegmentMembers, type InTransaction } from './segments';

export interface SweepResult {
  stageChanges: number;
  replenishmentsDue: number;
  productsLearned: number;
  segmentEntries: number;
  birthdays: number;
}

export async function sweepLifecycle(
  query: Query,
  asOf: Date,
  inTransaction: InTransaction = (work) => work(query),
  /** The zone of customers without one: the store profile's. */
  storeTimeZone = 'UTC',
): Promise<SweepResult> {
  const settings = await loadLifecycleSettings(query);
  const cutoff = new Date(asOf.getTime() - settings.atRiskDays * 86_400_000);
  let stageChanges = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await query(
      `SELECT id, orders_count, total_spent, last_order_at, mean_days_between_orders, lifecycle_stage FROM customers
        WHERE orders_count > 0 AND last_order_at < $1 AND lifecycle_stage <> 'inactive' AND id > $2
        ORDER BY id LIMIT 500`,
      [cutoff, after],
    );
    if (batch.length === 0) break;
    for (const c of batch) {
      const stage = lifecycleStage(
        {
          ordersCount: Number(c.orders_count),
          totalSpent: Number(c.total_spent),
          lastOrderAt: c.last_order_at as Date,
          meanDaysBetweenOrders:
            c.mean_days_between_orders === null ? null : Number(c.mean_days_between_orders),
        },
        settings,
        asOf,
      );
      if (stage === c.lifecycle_stage) continue;
      const from = c.lifecycle_stage as LifecycleStage;
      const moved = await inTransaction(async (q) => {
        const rows = await q(
          `WITH moved AS (
             UPDATE customers SET lifecycle_stage = $2, stage_changed_at = $3
              WHERE id = $1 AND lifecycle_stage = $4 RETURNING id
           ) SELECT id FROM moved`,
          [c.id, stage, asOf, from],
        );
        if (rows.length === 0) return false;
        await emitStageChange(q, c.id as string, from, stage, asOf);
        return true;
      });
      if (moved) stageChanges++;
    }
    after = batch[batch.length - 1].id as string;
  }
  return {
    stageChanges,
    replenishmentsDue: await inTransaction((q) => emitDueReplenishments(q, asOf)),
    productsLearned: await learnReorderIntervals(query),
    segmentEntries: await refreshSegmentMembers(query, asOf, inTransaction),
    birthdays: await emitBirthdaysDue(query, asOf, storeTimeZone),
  };
}
