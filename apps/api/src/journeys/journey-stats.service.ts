/**
 * Per-node counts for a journey (entered, waiting now, completed, skipped by reason, failed; sent,
 * delivered, opened, clicked), runs by status, and conversions with attributed revenue.
 */
import { Injectable } from '@nestjs/common';
import type { JourneyStats } from '@waypoint/contract';
import {
  conversionTotalsOfJourney,
  Database,
  journeyExists,
  messageCountsOfJourney,
  runCountsOfJourney,
  stepCountsOfJourney,
} from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { journeyStatsFrom } from './journey-stats';

@Injectable()
export class JourneyStatsService {
  constructor(private readonly db: Database) {}

  async of(id: string): Promise<JourneyStats> {
    if (!(await journeyExists(this.db.query, id))) throw ApiError.notFound('Journey', id);
    return journeyStatsFrom({
      steps: await stepCountsOfJourney(this.db.query, id),
      messages: await messageCountsOfJourney(this.db.query, id),
      runs: await runCountsOfJourney(this.db.query, id),
      conversions: await conversionTotalsOfJourney(this.db.query, id),
    });
  }
}
