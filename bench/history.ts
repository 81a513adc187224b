/**
 * The Temporal event history of one finished one-message run, read with the CLI: how many events,
 * workflow tasks and activities a run costs the server. Every activity is a round trip through
 * Temporal (scheduled, polled, completed, then a new workflow task), so this is what one run asks of it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Stack } from './stack';

export interface RunHistory {
  workflowId: string;
  events: number;
  workflowTasks: number;
  activities: number;
  /** Activity types in the order they were scheduled. */
  activityTypes: string[];
}

interface HistoryEvent {
  eventType?: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
}

export async function historyOfOneRun(stack: Stack, journeyId: string): Promise<RunHistory | undefined> {
  const rows = await stack.db.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM runs WHERE journey_id = $1 AND status = 'completed' ORDER BY finished_at DESC LIMIT 1`,
    [journeyId],
  );
  const workflowId = rows.rows[0]?.workflow_id;
  if (!workflowId) return undefined;
  try {
    const { stdout } = await promisify(execFile)(
      stack.temporalCliPath,
      ['workflow', 'show', '--workflow-id', workflowId, '--address', stack.temporalAddress, '--output', 'json'],
      { maxBuffer: 16 * 2 ** 20, timeout: 30_000 },
    );
    const events = ((JSON.parse(stdout) as { events?: HistoryEvent[] }).events ?? []).map((e) => ({
      type: (e.eventType ?? '').replace(/^EVENT_TYPE_/, '').toLowerCase().replace(/_/g, ''),
      activity: e.activityTaskScheduledEventAttributes?.activityType?.name,
    }));
    return {
      workflowId,
      events: events.length,
      workflowTasks: events.filter((e) => e.type === 'workflowtaskcompleted').length,
      activities: events.filter((e) => e.type === 'activitytaskscheduled').length,
      activityTypes: events.flatMap((e) => (e.activity ? [e.activity] : [])),
    };
  } catch {
    return undefined;
  }
}
