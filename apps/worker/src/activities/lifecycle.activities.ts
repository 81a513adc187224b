/**
 * The daily lifecycle sweep, against PostgreSQL (libs/customer-value does the work), and the
 * catalogue's "bought together" pairs rebuilt from the orders (libs/data's recommendations),
 * heartbeating while it runs: a worker that dies mid-sweep is noticed within the workflow's
 * heartbeat timeout and the sweep (idempotent: it recomputes stages from the data) runs again on
 * another worker.
 */
import { Injectable, Logger } from '@nestjs/common';
import { StoreProfileReader, sweepLifecycle } from '@waypoint/customer-value';
import { Database, refreshProductPairs } from '@waypoint/data';
import type { LifecycleActivities as Contract } from '@waypoint/workflows';
import { whileHeartbeating } from './heartbeating';

@Injectable()
export class LifecycleActivities implements Contract {
  private readonly logger = new Logger(LifecycleActivities.name);

  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async sweepLifecycle(input: { asOf: string }) {
    const { timeZone } = await this.profiles.current();
    const { result, productPairs } = await whileHeartbeating(async () => {
      const swept = await sweepLifecycle(
        this.db.query,
        new Date(input.asOf),
        (work) => this.db.transaction(work),
        timeZone,
      );
      const pairs = await this.db.transaction((query) => refreshProductPairs(query, new Date(input.asOf)));
      return { result: swept, productPairs: pairs };
    });
    this.logger.log(
      `lifecycle sweep: ${result.stageChanges} stage changes, ${result.replenishmentsDue} replenishments due, ${result.birthdays} birthdays, ${result.productsLearned} products relearned, ${productPairs} product pairs`,
    );
    return { ...result, productPairs };
  }
}
