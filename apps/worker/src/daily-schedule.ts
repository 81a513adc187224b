/**
 * Makes sure the daily lifecycle Schedule exists (03:00 in the store's time zone: the store
 * profile's). Creating it is idempotent: a second worker, or a restart, finds it already there,
 * and then gives it the profile's time zone when it has another (a change saved while no worker
 * ran, or one whose update did not reach Temporal). The API updates it when the zone is changed.
 */
import { Client, Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import { temporalConnectionOptions, type Environment } from '@waypoint/config';
import { dailyLifecycle, dailyLifecycleScheduleId } from '@waypoint/workflows';

export async function ensureDailySchedule(
  env: Environment,
  timeZone: string,
): Promise<'created' | 'exists' | `time zone set to ${string}`> {
  const connection = await Connection.connect(temporalConnectionOptions(env));
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    const scheduleId = dailyLifecycleScheduleId(env.TEMPORAL_TASK_QUEUE);
    try {
      await client.schedule.create({
        scheduleId,
        spec: { calendars: [{ hour: 3, minute: 0 }], timezone: timeZone },
        action: { type: 'startWorkflow', workflowType: dailyLifecycle, taskQueue: env.TEMPORAL_TASK_QUEUE },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      });
      return 'created';
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
    const handle = client.schedule.getHandle(scheduleId);
    if ((await handle.describe()).spec.timezone === timeZone) return 'exists';
    await handle.update((previous) => ({ ...previous, spec: { ...previous.spec, timezone: timeZone } }));
    return `time zone set to ${timeZone}`;
  } finally {
    await connection.close();
  }
}
