/** Journeys and their versions: list, read, create, edit the draft, list published versions. */
import { Injectable } from '@nestjs/common';
import type {
  CreateJourney,
  JourneyDetail,
  JourneyDraft,
  JourneySummary,
  JourneyVersion,
  UpdateDraft,
} from '@waypoint/contract';
import {
  Database,
  findJourney,
  insertJourney,
  listJourneys,
  listJourneyVersions,
  updateJourneyDraft,
  type JourneyRow,
} from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { journeySummary } from './journey-summary';

@Injectable()
export class JourneysService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<JourneySummary[]> {
    return (await listJourneys(this.db.query)).map(journeySummary);
  }

  async get(id: string): Promise<JourneyDetail> {
    const journey = await this.find(id);
    return { ...journeySummary(journey), draft: journey.draft as JourneyDraft };
  }

  /** A new draft, audited as the person's. */
  async create(input: CreateJourney, by: Principal | undefined): Promise<JourneySummary> {
    const created = await this.createDraft(input);
    await this.audit.record(by, {
      action: 'journey.create',
      targetType: 'journey',
      targetId: created.id,
      detail: { name: created.name },
    });
    return created;
  }

  /** A new draft; `seedKey` names the shipped example it was loaded from (loaded once). */
  async createDraft(input: CreateJourney, seedKey: string | null = null): Promise<JourneySummary> {
    return journeySummary(
      await insertJourney(this.db.query, { name: input.name, draft: input.definition, seedKey }),
    );
  }

  async updateDraft(id: string, input: UpdateDraft): Promise<JourneySummary> {
    const journey = await this.find(id);
    if (journey.status === 'archived')
      throw ApiError.conflict('journey_archived', `Journey ${id} is archived`);
    return journeySummary(
      await updateJourneyDraft(this.db.query, id, { draft: input.definition, name: input.name || null }),
    );
  }

  /** Published versions, newest first. */
  async versions(id: string): Promise<JourneyVersion[]> {
    await this.find(id);
    return (await listJourneyVersions(this.db.query, id)).map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      definition: v.definition,
    }));
  }

  private async find(id: string): Promise<JourneyRow> {
    const journey = await findJourney(this.db.query, id);
    if (!journey) throw ApiError.notFound('Journey', id);
    return journey;
  }
}
