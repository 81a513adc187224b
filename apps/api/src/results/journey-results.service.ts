/**
 * A journey's results for a date range (docs/product.md, "Results"): the range checked and cut in
 * the store's time zone, the rows from the rollup plus the live tail (libs/data), assembled here.
 */
import { Injectable } from '@nestjs/common';
import { RESULTS_DEFAULT_DAYS, RESULTS_MAX_DAYS, type JourneyResults } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, journeyExists, journeyResultRows } from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { addDays, daysBetween, journeyResultsFrom, todayIn } from './journey-results';

@Injectable()
export class JourneyResultsService {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async of(id: string, range: { from?: string; to?: string }, now = new Date()): Promise<JourneyResults> {
    const profile = await this.profiles.current();
    const to =
      range.to ??
      (range.from ? addDays(range.from, RESULTS_DEFAULT_DAYS - 1) : todayIn(profile.timeZone, now));
    const from = range.from ?? addDays(to, -(RESULTS_DEFAULT_DAYS - 1));
    if (from > to) {
      throw ApiError.unprocessable(
        'invalid_range',
        `The range starts (from ${from}) after it ends (to ${to})`,
        {
          from,
          to,
        },
      );
    }
    if (daysBetween(from, to) > RESULTS_MAX_DAYS) {
      throw ApiError.unprocessable(
        'invalid_range',
        `The range from ${from} to ${to} is longer than ${RESULTS_MAX_DAYS} days`,
        { from, to, maxDays: RESULTS_MAX_DAYS },
      );
    }
    if (!(await journeyExists(this.db.query, id))) throw ApiError.notFound('Journey', id);
    const { rows, rolledUpTo } = await journeyResultRows(this.db.query, {
      journeyId: id,
      fromDay: from,
      toDay: to,
      timeZone: profile.timeZone,
    });
    return journeyResultsFrom({
      journeyId: id,
      from,
      to,
      timeZone: profile.timeZone,
      currency: profile.currency,
      rolledUpTo,
      rows,
    });
  }
}
