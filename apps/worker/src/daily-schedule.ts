/**
 * Makes sure the daily lifecycle Schedule exists (03:00 in the store's time zone). Creating it
 * is idempotent: a second worker, or a restart, finds it already there.
 */
import { Client, Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import { temporalConnectionOptions, type Environment } from '@waypoint/config';
import { dailyLifecycle, dailyLifecycleScheduleId } from '@waypoint/workflows';

export async function ensureDailySchedule(env: Environment): Promise<'created' | 'exists'> {
  const connection = await Connection.connect(temporalConnectionOptions(env));
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    await client.schedule.create({
      scheduleId: dailyLifecycleScheduleId(env.TEMPORAL_TASK_QUEUE),
      spec: { calendars: [{ hour: 3, minute: 0 }], timezone: env.STORE_TIMEZONE },
      action: { type: 'startWorkflow', workflowType: dailyLifecycle, taskQueue: env.TEMPORAL_TASK_QUEUE },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  } finally {
    await connection.close();
  }
}
