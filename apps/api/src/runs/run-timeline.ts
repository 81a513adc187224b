/** A run and its steps as the API answers them (pure: rows in, the contract's `Run` out). */
import type { Run, RunMessage, RunStep } from '@waypoint/contract';
import type { RunRow, RunStepRow } from '@waypoint/data';
import type { JourneyNodeType } from '@waypoint/journey';

/** The waits support may end early ("continue now"); others (an event, quiet hours) are not cut short. */
export const CONTINUABLE_WAITS: ReadonlySet<string> = new Set<JourneyNodeType>(['wait.delay', 'wait.until']);

export function presentRun(run: RunRow, steps: RunStepRow[], temporalUrl: string): Run {
  const waiting = steps.find((s) => s.outcome === 'waiting');
  return {
    id: run.id,
    journey: { id: run.journey_id, name: run.journey_name },
    version: run.journey_version,
    customerId: run.customer_id,
    status: run.status,
    statusReason: run.status_reason,
    currentNodeId: run.current_node_id,
    waitingFor:
      waiting && run.status === 'running'
        ? {
            nodeId: waiting.node_id,
            nodeType: waiting.node_type,
            visit: waiting.visit,
            until: iso(waiting.wake_at),
            canContinueNow: CONTINUABLE_WAITS.has(waiting.node_type),
          }
        : null,
    startedAt: run.started_at.toISOString(),
    finishedAt: iso(run.finished_at),
    workflowId: run.workflow_id,
    temporalUrl,
    test: run.test,
    steps: steps.map(presentStep),
  };
}

function presentStep(s: RunStepRow): RunStep {
  return {
    nodeId: s.node_id,
    nodeType: s.node_type,
    visit: s.visit,
    outcome: s.outcome,
    enteredAt: s.entered_at.toISOString(),
    finishedAt: iso(s.finished_at),
    branch: s.branch,
    reason: s.reason,
    wakeAt: iso(s.wake_at),
    message: s.message_id ? presentMessage(s.message_id, s) : null,
  };
}

// The message columns are those of the row `message_id` points at (a foreign key), so the
// NOT NULL ones are set whenever it is.
function presentMessage(id: string, s: RunStepRow): RunMessage {
  return {
    id,
    channel: s.m_channel as RunMessage['channel'],
    to: s.m_to as string,
    subject: s.m_subject,
    status: s.m_status as RunMessage['status'],
    provider: s.m_provider as string,
    sentAt: iso(s.m_sent_at),
    deliveryStatus: s.m_delivery_status as RunMessage['deliveryStatus'],
    deliveredAt: iso(s.m_delivered_at),
    openedAt: iso(s.m_opened_at),
    clickedAt: iso(s.m_clicked_at),
    bouncedAt: iso(s.m_bounced_at),
    deliveryError: s.m_delivery_error,
    locale: s.m_locale ?? null,
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
