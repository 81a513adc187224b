/**
 * Pause, resume and archive a journey and tell its running runs: pause holds every run where it
 * is (nothing is sent) until resume; archive ends them with a recorded reason. New entries start
 * only while the journey is live. Each change is audited as the person's.
 */
import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { LifecycleAction, LifecycleResult } from '@waypoint/contract';
import { Database, journeyStatus, runningWorkflowIds, setJourneyStatus } from '@waypoint/data';
import type { JourneyStatus } from '@waypoint/journey';
import { cancelRunSignal, setPausedSignal } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

const ALLOWED: Record<LifecycleAction, { from: JourneyStatus[]; to: JourneyStatus }> = {
  pause: { from: ['live'], to: 'paused' },
  resume: { from: ['paused'], to: 'live' },
  archive: { from: ['draft', 'live', 'paused'], to: 'archived' },
};

@Injectable()
export class JourneyLifecycle {
  private readonly logger = new Logger(JourneyLifecycle.name);

  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
  ) {}

  async change(id: string, action: LifecycleAction, by: Principal | undefined): Promise<LifecycleResult> {
    const rule = ALLOWED[action];
    const status = await journeyStatus(this.db.query, id);
    if (!status) throw ApiError.notFound('Journey', id);
    if (!rule.from.includes(status)) {
      throw ApiError.conflict('invalid_transition', `Cannot ${action} a journey that is ${status}`);
    }
    await setJourneyStatus(this.db.query, id, rule.to);
    let notified = 0;
    for (const workflowId of await runningWorkflowIds(this.db.query, id)) {
      const handle = this.temporal.workflow.getHandle(workflowId);
      try {
        if (action === 'archive') await handle.signal(cancelRunSignal, { reason: 'journey archived' });
        else await handle.signal(setPausedSignal, { paused: action === 'pause' });
        notified++;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        this.logger.warn(`run ${workflowId} had already ended`);
      }
    }
    await this.audit.record(by, { action: `journey.${action}`, targetType: 'journey', targetId: id });
    return { id, status: rule.to, runsNotified: notified };
  }
}
