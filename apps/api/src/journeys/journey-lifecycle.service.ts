/**
 * Pause, resume and archive a journey and tell its running runs: pause holds every run where it
 * is (nothing is sent) until resume; archive ends them with a recorded reason. New entries start
 * only while the journey is live.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { JourneyStatus } from '@waypoint/data';
import { cancelRunSignal, setPausedSignal } from '@waypoint/workflows';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { isUuid } from './journeys.service';

const ALLOWED: Record<'pause' | 'resume' | 'archive', { from: JourneyStatus[]; to: JourneyStatus }> = {
  pause: { from: ['live'], to: 'paused' },
  resume: { from: ['paused'], to: 'live' },
  archive: { from: ['draft', 'live', 'paused'], to: 'archived' },
};

@Injectable()
export class JourneyLifecycle {
  private readonly logger = new Logger(JourneyLifecycle.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: Client,
  ) {}

  async change(
    id: string,
    action: keyof typeof ALLOWED,
  ): Promise<{ id: string; status: JourneyStatus; runsNotified: number }> {
    const rule = ALLOWED[action];
    const rows: Array<{ status: JourneyStatus }> = isUuid(id)
      ? await this.db.query(`SELECT status FROM journeys WHERE id = $1`, [id])
      : [];
    if (!rows[0]) throw ApiError.notFound('Journey', id);
    if (!rule.from.includes(rows[0].status)) {
      throw ApiError.conflict('invalid_transition', `Cannot ${action} a journey that is ${rows[0].status}`);
    }
    await this.db.query(`UPDATE journeys SET status = $2, updated_at = now() WHERE id = $1`, [id, rule.to]);
    const runs: Array<{ workflow_id: string }> = await this.db.query(
      `SELECT workflow_id FROM runs WHERE journey_id = $1 AND status = 'running'`,
      [id],
    );
    let notified = 0;
    for (const run of runs) {
      const handle = this.temporal.workflow.getHandle(run.workflow_id);
      try {
        if (action === 'archive') await handle.signal(cancelRunSignal, { reason: 'journey archived' });
        else await handle.signal(setPausedSignal, { paused: action === 'pause' });
        notified++;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        this.logger.warn(`run ${run.workflow_id} had already ended`);
      }
    }
    return { id, status: rule.to, runsNotified: notified };
  }
}
