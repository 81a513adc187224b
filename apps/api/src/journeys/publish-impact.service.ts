/**
 * `GET /v1/journeys/{id}/publish-impact`: what publishing the draft now would change against the
 * live version, the runs in progress that stay on their versions, and the problems publishing
 * would refuse (the publisher's own check). Reads only. docs/product.md, "Publishing".
 */
import { Injectable } from '@nestjs/common';
import type { PublishImpact } from '@waypoint/contract';
import { Database, findJourney, listJourneyVersions, runningRunsPerVersion } from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { JourneyPublisher } from './journey-publisher.service';
import { graphChanges } from './publish-impact';

@Injectable()
export class PublishImpactService {
  constructor(
    private readonly db: Database,
    private readonly publisher: JourneyPublisher,
  ) {}

  async of(id: string): Promise<PublishImpact> {
    const journey = await findJourney(this.db.query, id);
    if (!journey) throw ApiError.notFound('Journey', id);
    const [live] = await listJourneyVersions(this.db.query, id);
    const problems = await this.publisher.problemsOfDraft(journey.draft);
    return {
      liveVersion: live?.version ?? null,
      ...graphChanges(live?.definition, journey.draft),
      runsInProgress: await runningRunsPerVersion(this.db.query, id),
      problems,
      canPublish: problems.length === 0 && journey.status !== 'archived',
    };
  }
}
