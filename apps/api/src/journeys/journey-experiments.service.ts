/**
 * `GET /v1/journeys/{id}/experiments`: every split of the newest published version (the draft's
 * while none is published) judged as an experiment, from one set-based count per journey.
 */
import { Injectable } from '@nestjs/common';
import type { JourneyExperiments } from '@waypoint/contract';
import { armCountsOfJourney, Database, findJourney, listJourneyVersions } from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { experimentOf, splitNodesOf } from './journey-experiments';

@Injectable()
export class JourneyExperimentsService {
  constructor(private readonly db: Database) {}

  async of(id: string): Promise<JourneyExperiments> {
    const journey = await findJourney(this.db.query, id);
    if (!journey) throw ApiError.notFound('Journey', id);
    const [newest] = await listJourneyVersions(this.db.query, id);
    const splits = splitNodesOf(newest ? newest.definition : journey.draft);
    const counts = splits.length > 0 ? await armCountsOfJourney(this.db.query, id) : [];
    return {
      version: newest?.version ?? null,
      experiments: splits.map((split) => experimentOf(split, counts)),
    };
  }
}
