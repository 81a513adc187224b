/**
 * Support's view of runs: one customer's runs and one run's timeline (every step with its outcome
 * and reason, the message it sent, the node the run is at and what it waits for until when), its
 * audit trail, and the two things support may do to a running run: cancel it, or end its delay now
 * (each with a reason, audited). Also the customer's checkouts, shown beside their runs.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, type SignalDefinition } from '@temporalio/client';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { CancelRunResult, ContinueRunResult, Checkout, Run, RunAuditEntry } from '@waypoint/contract';
import { Database, findRun, runsOfCustomer, stepsOfRuns, type RunRow, type RunStepRow } from '@waypoint/data';
import { cancelRunSignal, continueWaitSignal } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, type Principal } from '../auth/principal';
import { customerCheckouts } from '../checkouts/customer-checkouts.query';
import { resolveCustomerId } from '../customers/customer-ref';
import { ApiError } from '../errors/api-error';
import { CONTINUABLE_WAITS, presentRun } from './run-timeline';

@Injectable()
export class RunsService {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly audit: AuditLog,
  ) {}

  async forCustomer(customerRef: string): Promise<Run[]> {
    const customerId = await resolveCustomerId(this.db.query, customerRef);
    const runs = await runsOfCustomer(this.db.query, customerId);
    const steps = await stepsOfRuns(
      this.db.query,
      runs.map((r) => r.id),
    );
    return runs.map((run) => this.present(run, steps.get(run.id) ?? []));
  }

  async get(runId: string): Promise<Run> {
    const run = await findRun(this.db.query, runId);
    if (!run) throw ApiError.notFound('Run', runId);
    const steps = await stepsOfRuns(this.db.query, [runId]);
    return this.present(run, steps.get(runId) ?? []);
  }

  /** What staff did to the run, newest first. */
  async auditTrail(runId: string): Promise<RunAuditEntry[]> {
    await this.get(runId);
    return (await this.audit.list({ targetType: 'run', targetId: runId, limit: 100 })) as RunAuditEntry[];
  }

  /** The customer's checkouts (newest first): the cart a cart reminder showed, and whether it was completed. */
  async checkoutsOf(customerRef: string): Promise<Checkout[]> {
    return (await customerCheckouts(this.db.query, customerRef)).map((c) => ({
      ...c,
      lineItems: c.lineItems as Checkout['lineItems'],
      updatedAt: c.updatedAt?.toISOString() ?? null,
      completedAt: c.completedAt?.toISOString() ?? null,
    }));
  }

  /** Asks the run to stop; the workflow records the reason and ends at once, even mid-wait. */
  async cancel(runId: string, reason: string, by?: Principal): Promise<CancelRunResult> {
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
  async continueNow(runId: string, reason: string, by?: Principal): Promise<ContinueRunResult> {
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

  private present(run: RunRow, steps: RunStepRow[]): Run {
    const ui = this.env.TEMPORAL_UI_URL.replace(/\/$/, '');
    return presentRun(
      run,
      steps,
      `${ui}/namespaces/${this.env.TEMPORAL_NAMESPACE}/workflows/${run.workflow_id}`,
    );
  }
}
