/**
 * Temporal event histories of finished runs, read with the CLI. One shows what a run asks of
 * Temporal (events, workflow tasks, activities: every activity is a round trip through the server
 * and a workflow activation on the worker). A sample of them shows where a run's time goes between
 * Temporal's queues, the worker's workflow code and the activities.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { distribution, type Distribution } from './stats';
import type { Stack } from './stack';

export interface RunHistory {
  workflowId: string;
  events: number;
  workflowTasks: number;
  activities: number;
  /** Activity types in the order they were scheduled. */
  activityTypes: string[];
  /** Local activities (run inside a workflow task, recorded as markers: no round trip of their own). */
  localActivities?: number;
  localActivityTypes?: string[];
  /**
   * Bytes of every payload in the history (inputs, results, signals, markers' data), as stored: what
   * the run's data costs Temporal to encode, persist and send, beside the count of events.
   */
  payloadBytes?: number;
}

interface HistoryEvent {
  eventId?: string;
  eventTime?: string;
  eventType?: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
  activityTaskStartedEventAttributes?: { scheduledEventId?: string };
  activityTaskCompletedEventAttributes?: { scheduledEventId?: string };
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: unknown[] }> };
}

interface Event {
  id: string;
  at: number;
  type: string;
  activity?: string;
  localActivity?: string;
  scheduledId?: string;
}

/**
 * The activity type of a local-activity marker. The CLI prints a JSON payload either decoded or as
 * base64 `data`; the SDK's marker data holds `activity_type`.
 */
function localActivityType(e: HistoryEvent): string | undefined {
  const marker = e.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  for (const payload of marker.details?.data?.payloads ?? []) {
    let value: unknown = payload;
    const data = (payload as { data?: unknown }).data;
    if (typeof data === 'string') {
      try {
        value = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
      } catch {
        continue;
      }
    }
    const type = (value as { activity_type?: unknown; activityType?: unknown } | null) ?? {};
    const name = type.activity_type ?? type.activityType;
    if (typeof name === 'string') return name;
  }
  return 'local activity';
}

/**
 * The bytes of the payloads anywhere in a history as the CLI prints it: a payload is an element of
 * a `payloads` array; its `data` is base64 when the CLI leaves it encoded, else the decoded value.
 */
function payloadBytes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + payloadBytes(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'payloads' && Array.isArray(v)) {
      for (const payload of v) {
        const data = (payload as { data?: unknown } | null)?.data;
        sum +=
          typeof data === 'string'
            ? Buffer.from(data, 'base64').length
            : Buffer.byteLength(JSON.stringify(data ?? payload) ?? '');
      }
    } else sum += payloadBytes(v);
  }
  return sum;
}

async function history(stack: Stack, workflowId: string): Promise<{ events: Event[]; payloadBytes: number }> {
  const { stdout } = await promisify(execFile)(
    stack.temporalCliPath,
    ['workflow', 'show', '--workflow-id', workflowId, '--address', stack.temporalAddress, '--output', 'json'],
    { maxBuffer: 16 * 2 ** 20, timeout: 30_000 },
  );
  const raw = (JSON.parse(stdout) as { events?: HistoryEvent[] }).events ?? [];
  const events = raw.map((e) => ({
    id: String(e.eventId ?? ''),
    at: Date.parse(e.eventTime ?? ''),
    // Both spellings occur: EVENT_TYPE_WORKFLOW_TASK_STARTED and WorkflowTaskStarted.
    type: (e.eventType ?? '')
      .replace(/^EVENT_TYPE_/, '')
      .toLowerCase()
      .replace(/_/g, ''),
    activity: e.activityTaskScheduledEventAttributes?.activityType?.name,
    localActivity: localActivityType(e),
    scheduledId:
      e.activityTaskStartedEventAttributes?.scheduledEventId ??
      e.activityTaskCompletedEventAttributes?.scheduledEventId,
  }));
  return { events, payloadBytes: payloadBytes(raw) };
}

export async function historyOfOneRun(stack: Stack, journeyId: string): Promise<RunHistory | undefined> {
  const rows = await stack.db.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM runs WHERE journey_id = $1 AND status = 'completed' ORDER BY finished_at DESC LIMIT 1`,
    [journeyId],
  );
  const workflowId = rows.rows[0]?.workflow_id;
  return workflowId ? historyOf(stack, workflowId) : undefined;
}

/** What one workflow asked of Temporal (any workflow: the floor phase reads its bare runs with it). */
export async function historyOf(stack: Stack, workflowId: string): Promise<RunHistory | undefined> {
  try {
    const { events, payloadBytes } = await history(stack, workflowId);
    return {
      workflowId,
      events: events.length,
      workflowTasks: events.filter((e) => e.type === 'workflowtaskcompleted').length,
      activities: events.filter((e) => e.type === 'activitytaskscheduled').length,
      activityTypes: events.flatMap((e) => (e.activity ? [e.activity] : [])),
      localActivities: events.filter((e) => e.localActivity).length,
      localActivityTypes: events.flatMap((e) => (e.localActivity ? [e.localActivity] : [])),
      payloadBytes,
    };
  } catch {
    return undefined;
  }
}

export interface TimeSplit {
  runs: number;
  /** Workflow start → run's last event, per run. */
  total: Distribution;
  /** Per run, summed over its tasks: waiting in a task queue, and being worked on. */
  parts: Array<{ name: string; perRun: Distribution }>;
}

/** Where the time of each sampled run went, from the timestamps of its history events. */
export async function timeSplit(
  stack: Stack,
  workflowIds: readonly string[],
): Promise<TimeSplit | undefined> {
  const perRun: Array<Record<string, number>> = [];
  const totals: number[] = [];
  for (const workflowId of workflowIds) {
    let events: Event[];
    try {
      ({ events } = await history(stack, workflowId));
    } catch {
      continue;
    }
    if (events.length === 0) continue;
    const split: Record<string, number> = {};
    const add = (name: string, ms: number) => (split[name] = (split[name] ?? 0) + Math.max(0, ms));
    const scheduled = new Map<string, { at: number; activity: string }>();
    const started = new Map<string, number>();
    let taskScheduled = events[0].at;
    let taskStarted = events[0].at;
    for (const e of events) {
      switch (e.type) {
        case 'workflowtaskscheduled':
          taskScheduled = e.at;
          break;
        case 'workflowtaskstarted':
          add('workflow tasks waiting in the task queue', e.at - taskScheduled);
          taskStarted = e.at;
          break;
        case 'workflowtaskcompleted':
          add(
            'workflow tasks on the worker (workflow code, local activities, round trip)',
            e.at - taskStarted,
          );
          break;
        case 'activitytaskscheduled':
          scheduled.set(e.id, { at: e.at, activity: e.activity ?? '?' });
          break;
        case 'activitytaskstarted': {
          const s = scheduled.get(e.scheduledId ?? '');
          if (s) add('activities waiting in the task queue', e.at - s.at);
          started.set(e.scheduledId ?? '', e.at);
          break;
        }
        case 'activitytaskcompleted': {
          const s = scheduled.get(e.scheduledId ?? '');
          const from = started.get(e.scheduledId ?? '');
          if (s && from !== undefined) add(`activity ${s.activity}`, e.at - from);
          break;
        }
      }
    }
    perRun.push(split);
    totals.push(events[events.length - 1].at - events[0].at);
  }
  if (perRun.length === 0) return undefined;
  const names = [...new Set(perRun.flatMap((split) => Object.keys(split)))];
  return {
    runs: perRun.length,
    total: distribution(totals),
    parts: names
      .map((name) => ({ name, perRun: distribution(perRun.map((split) => split[name] ?? 0)) }))
      .sort((a, b) => b.perRun.p50 - a.perRun.p50),
  };
}
