/**
 * One customer's runs and one run's timeline (SPEC §6): every step with its outcome and reason,
 * the message it sent, the node the run is at and what it waits for until when.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError, type SignalDefinition } from '@temporalio/client';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { cancelRunSignal, continueWaitSignal } from '@waypoint/workflows';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, type Principal } from '../auth/principal';
import { resolveCustomerId } from '../customers/customer-ref';
import { ApiError } from '../errors/api-error';
import { isUuid } from '../journeys/journeys.service';

interface RunRow {
  id: string;
  journey_id: string;
  journey_name: string;
  journey_version: number;
  customer_id: string;
  status: string;
  status_reason: string | null;
  current_node_id: string | null;
  workflow_id: string;
  started_at: Date;
  finished_at: Date | null;
}

interface StepRow {
  run_id: string;
  node_id: string;
  node_type: string;
  visit: number;
  outcome: string;
  entered_at: Date;
  finished_at: Date | null;
  branch: string | null;
  reason: string | null;
  wake_at: Date | null;
  message_id: string | null;
  m_channel: string | null;
  m_to: string | null;
  m_subject: string | null;
  m_status: string | null;
  m_provider: string | null;
  m_sent_at: Date | null;
  m_delivery_status: string | null;
  m_delivered_at: Date | null;
  m_opened_at: Date | null;
  m_clicked_at: Date | null;
  m_bounced_at: Date | null;
  m_delivery_error: string | null;
}

const CONTINUABLE_WAITS = new Set(['wait.delay', 'wait.until']);

const RUN_COLUMNS = `r.id, r.journey_id, j.name AS journey_name, r.journey_version, r.customer_id, r.status,
  r.status_reason, r.current_node_id, r.workflow_id, r.started_at, r.finished_at`;

@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly audit: AuditLog,
  ) {}

  async forCustomer(customerRef: string) {
    const customerId = await resolveCustomerId((sql, params) => this.db.query(sql, params), customerRef);
    const runs: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM runs r JOIN journeys j ON j.id = r.journey_id
        WHERE r.customer_id = $1 ORDER BY r.started_at DESC LIMIT 200`,
      [customerId],
    );
    const steps = await this.stepsOf(runs.map((r) => r.id));
    return runs.map((run) => this.present(run, steps.get(run.id) ?? []));
  }

  async get(runId: string) {
    if (!isUuid(runId)) throw ApiError.notFound('Run', runId);
    const runs: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM runs r JOIN journeys j ON j.id = r.journey_id WHERE r.id = $1`,
      [runId],
    );
    if (!runs[0]) throw ApiError.notFound('Run', runId);
    const steps = await this.stepsOf([runId]);
    return this.present(runs[0], steps.get(runId) ?? []);
  }

  /** Asks the run to stop; the workflow records the reason and ends at once, even mid-wait. */
  async cancel(runId: string, reason: string, by?: Principal) {
    const run = await this.get(runId);
    if (run.status !== 'running')
      throw ApiError.conflict('run_not_running', `Run ${runId} is already ${run.status}`);
    const who = actorOf(by).label;
    await this.signal(runId, run.workflowId, cancelRunSignal, { reason: `cancelled by ${who}: ${reason}` });
    await this.audit.record(by, { action: 'run.cancel', targetType: 'run', targetId: runId, reason });
    return { id: runId, status: 'cancelling', reason };
  }

  /**
   * Support's "continue now": a run waiting in a `wait.delay` or `wait.until` goes on to the next
   * node at once. Other waits (an event with its timeout, quiet hours) are not cut short.
   */
  async continueNow(runId: string, reason: string, by?: Principal) {
    const run = await this.get(runId);
    if (run.status !== 'running')
      throw ApiError.conflict('run_not_running', `Run ${runId} is already ${run.status}`);
    const waiting = run.waitingFor;
    if (!waiting || !CONTINUABLE_WAITS.has(waiting.nodeType))
      throw ApiError.conflict(
        'not_in_a_delay',
        waiting
          ? `Run ${runId} waits in ${waiting.nodeType} "${waiting.nodeId}", which cannot be continued early`
          : `Run ${runId} is not waiting in a delay`,
      );
    const who = actorOf(by).label;
    await this.signal(runId, run.workflowId, continueWaitSignal, {
      nodeId: waiting.nodeId,
      visit: waiting.visit,
      reason,
      by: who,
    });
    await this.audit.record(by, {
      action: 'run.continue',
      targetType: 'run',
      targetId: runId,
      reason,
      detail: { nodeId: waiting.nodeId, visit: waiting.visit, dueAt: waiting.until },
    });
    return { id: runId, status: 'continuing', nodeId: waiting.nodeId, reason };
  }

  private async signal<A extends unknown[]>(
    runId: string,
    workflowId: string,
    signal: SignalDefinition<A>,
    ...args: A
  ): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(workflowId).signal(signal, ...args);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        throw ApiError.conflict('run_not_running', `Run ${runId} has already ended`);
      throw error;
    }
  }

  private async stepsOf(runIds: string[]): Promise<Map<string, StepRow[]>> {
    const byRun = new Map<string, StepRow[]>();
    if (runIds.length === 0) return byRun;
    const rows: StepRow[] = await this.db.query(
      `SELECT s.run_id, s.node_id, s.node_type, s.visit, s.outcome, s.entered_at, s.finished_at, s.branch, s.reason,
              s.wake_at, s.message_id, m.channel AS m_channel, m.to_address AS m_to, m.subject AS m_subject,
              m.status AS m_status, m.provider AS m_provider, m.sent_at AS m_sent_at,
              m.delivery_status AS m_delivery_status, m.delivered_at AS m_delivered_at, m.opened_at AS m_opened_at,
              m.clicked_at AS m_clicked_at, m.bounced_at AS m_bounced_at, m.delivery_error AS m_delivery_error
         FROM run_steps s LEFT JOIN messages m ON m.id = s.message_id
        WHERE s.run_id = ANY($1::uuid[])
        ORDER BY s.entered_at, s.visit`,
      [runIds],
    );
    for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
    return byRun;
  }

  private present(run: RunRow, steps: StepRow[]) {
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
      temporalUrl: `${this.env.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${this.env.TEMPORAL_NAMESPACE}/workflows/${run.workflow_id}`,
      steps: steps.map((s) => ({
        nodeId: s.node_id,
        nodeType: s.node_type,
        visit: s.visit,
        outcome: s.outcome,
        enteredAt: s.entered_at.toISOString(),
        finishedAt: iso(s.finished_at),
        branch: s.branch,
        reason: s.reason,
        wakeAt: iso(s.wake_at),
        message: s.message_id
          ? {
              id: s.message_id,
              channel: s.m_channel,
              to: s.m_to,
              subject: s.m_subject,
              status: s.m_status,
              provider: s.m_provider,
              sentAt: iso(s.m_sent_at),
              deliveryStatus: s.m_delivery_status,
              deliveredAt: iso(s.m_delivered_at),
              openedAt: iso(s.m_opened_at),
              clickedAt: iso(s.m_clicked_at),
              bouncedAt: iso(s.m_bounced_at),
              deliveryError: s.m_delivery_error,
            }
          : null,
      })),
    };
  }
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
