/**
 * A changed store time zone reaches the daily lifecycle Schedule (03:00 in the store's zone,
 * created by the worker: apps/worker/src/daily-schedule.ts) through its ScheduleHandle. A Schedule
 * not created yet is left to the worker, which creates it in the profile's zone when it starts.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, ScheduleNotFoundError } from '@temporalio/client';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { dailyLifecycleScheduleId } from '@waypoint/workflows';

@Injectable()
export class DailyScheduleZone {
  constructor(
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Sets the Schedule's time zone; 'missing' when there is no Schedule yet. */
  async set(timeZone: string): Promise<'updated' | 'missing'> {
    const handle = this.temporal.schedule.getHandle(dailyLifecycleScheduleId(this.env.TEMPORAL_TASK_QUEUE));
    try {
      await handle.update((previous) => ({ ...previous, spec: { ...previous.spec, timezone: timeZone } }));
      return 'updated';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'missing';
      throw error;
    }
  }
}
