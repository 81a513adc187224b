/**
 * The daily lifecycle sweep, against PostgreSQL (libs/customer-value does the work), heartbeating
 * while it runs: a worker that dies mid-sweep is noticed within the workflow's heartbeat timeout
 * and the sweep (idempotent: it recomputes stages from the data) runs again on another worker.
 */
import { Injectable, Logger } from '@nestjs/common';
import { sweepLifecycle } from '@waypoint/customer-value';
import { Database } from '@waypoint/data';
import type { LifecycleActivities as Contract } from '@waypoint/workflows';
import { whileHeartbeating } from './heartbeating';

@Injectable()
export class LifecycleActivities implements Contract {
  private readonly logger = new Logger(LifecycleActivities.name);

  constructor(private readonly db: Database) {}

  async sweepLifecycle(input: { asOf: string }) {
    const result = await whileHeartbeating(() =>
      sweepLifecycle(this.db.query, new Date(input.asOf), (work) => this.db.transaction(work)),
    );
    this.logger.log(
      `lifecycle sweep: ${result.stageChanges} stage changes, ${result.replenishmentsDue} replenishments due, ${result.productsLearned} products relearned`,
    );
    return result;
  }
}
