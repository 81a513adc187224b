/**
 * Run daily by a Temporal Schedule: the lifecycle sweep (aging customers into at_risk and
 * inactive, replenishment.due, learned reorder intervals) as one activity at the schedule's time.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { LifecycleActivities } from './lifecycle-activities';

const activities = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '30 minutes',
  // The activity heartbeats every 2 s: a worker that dies mid-sweep is noticed after 20 s, not 30 min.
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

/** One schedule per task queue, so separate deployments (or test stacks) sharing a namespace never collide. */
export function dailyLifecycleScheduleId(taskQueue: string): string {
  return `waypoint-daily-lifecycle-${taskQueue}`;
}

export async function dailyLifecycle(): Promise<{
  stageChanges: number;
  replenishmentsDue: number;
  productsLearned: number;
}> {
  return activities.sweepLifecycle({ asOf: new Date().toISOString() });
}
