/** The daily lifecycle sweep, against PostgreSQL (libs/customer-value does the work). */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sweepLifecycle } from '@waypoint/customer-value';
import type { LifecycleActivities as Contract } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

@Injectable()
export class LifecycleActivities implements Contract {
  private readonly logger = new Logger(LifecycleActivities.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sweepLifecycle(input: { asOf: string }) {
    const result = await sweepLifecycle((sql, params) => this.db.query(sql, params), new Date(input.asOf));
    this.logger.log(
      `lifecycle sweep: ${result.stageChanges} stage changes, ${result.replenishmentsDue} replenishments due, ${result.productsLearned} products relearned`,
    );
    return result;
  }
}
