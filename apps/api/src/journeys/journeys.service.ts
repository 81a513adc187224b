/** Journeys and their versions: create, edit the draft, publish (validated), list. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sampleTemplateContext, TemplateCatalog } from '@waypoint/channels';
import { JourneyEntity, JourneyVersionEntity, loadSavedTemplates } from '@waypoint/data';
import { validateJourney, type JourneyDefinitionInput, type JourneyProblem } from '@waypoint/journey';
import { SUPPORTED_NODE_TYPES } from '@waypoint/workflows';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import type { CreateJourneyDto, UpdateDraftDto } from './journey.dto';

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyEntity['status'];
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class JourneysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: TemplateCatalog,
  ) {}

  async list(): Promise<JourneySummary[]> {
    const journeys = await this.db.getRepository(JourneyEntity).find({ order: { createdAt: 'ASC' } });
    return journeys.map(summary);
  }

  async get(id: string): Promise<JourneySummary & { draft: JourneyDefinitionInput }> {
    const journey = await this.find(id);
    return { ...summary(journey), draft: journey.draft };
  }

  async create(dto: CreateJourneyDto, seedKey: string | null = null): Promise<JourneySummary> {
    const journey = await this.db.getRepository(JourneyEntity).save({
      name: dto.name,
      status: 'draft',
      draft: dto.definition as JourneyDefinitionInput,
      publishedVersion: null,
      seedKey,
    });
    return summary(journey);
  }

  async updateDraft(id: string, dto: UpdateDraftDto): Promise<JourneySummary> {
    const journey = await this.find(id);
    if (journey.status === 'archived')
      throw ApiError.conflict('journey_archived', `Journey ${id} is archived`);
    journey.draft = dto.definition as JourneyDefinitionInput;
    if (dto.name) journey.name = dto.name;
    return summary(await this.db.getRepository(JourneyEntity).save(journey));
  }

  /** Validates the draft and, when it has no problem, freezes it as the next version and goes live. */
  async publish(id: string): Promise<{ journey: JourneySummary; version: number }> {
    // Templates saved through the API count, as the worker will render them.
    await loadSavedTemplates((sql, params) => this.db.query(sql, params), this.templates);
    return this.db.transaction(async (tx) => {
      const journey = await tx
        .getRepository(JourneyEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!journey) throw ApiError.notFound('Journey', id);
      if (journey.status === 'archived')
        throw ApiError.conflict('journey_archived', `Journey ${id} is archived`);
      const problems = this.problemsOf(journey.draft);
      if (problems.problems.length > 0 || !problems.definition) {
        const count = problems.problems.length;
        throw ApiError.unprocessable(
          'journey_invalid',
          `The journey cannot be published: ${count} problem${count === 1 ? '' : 's'}`,
          {
            problems: problems.problems,
          },
        );
      }
      const version = (journey.publishedVersion ?? 0) + 1;
      await tx.query(
        `INSERT INTO journey_versions (journey_id, version, definition, published_at) VALUES ($1, $2, $3, now())`,
        [journey.id, version, problems.definition],
      );
      journey.publishedVersion = version;
      if (journey.status === 'draft') journey.status = 'live';
      return { journey: summary(await tx.getRepository(JourneyEntity).save(journey)), version };
    });
  }

  async versions(id: string): Promise<Array<{ version: number; publishedAt: string }>> {
    await this.find(id);
    const versions = await this.db
      .getRepository(JourneyVersionEntity)
      .find({ where: { journeyId: id }, order: { version: 'DESC' } });
    return versions.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      definition: v.definition,
    }));
  }

  private problemsOf(draft: unknown): {
    problems: JourneyProblem[];
    definition?: ReturnType<typeof validateJourney>['definition'];
  } {
    const result = validateJourney(draft, {
      checkTemplate: (channel, name) => {
        if (!this.templates.exists(channel, name))
          return `missing template: there is no ${channel} template "${name}"`;
        try {
          this.templates.render(channel, name, sampleTemplateContext());
          return true;
        } catch (error) {
          return `template "${name}" does not render with sample data: ${(error as Error).message}`;
        }
      },
    });
    const unsupported: JourneyProblem[] = (result.definition?.nodes ?? [])
      .filter((node) => !SUPPORTED_NODE_TYPES.includes(node.type))
      .map((node) => ({
        nodeId: node.id,
        code: 'unsupported_node',
        message: `This engine version cannot run "${node.type}" nodes yet`,
      }));
    return { problems: [...result.problems, ...unsupported], definition: result.definition };
  }

  private async find(id: string): Promise<JourneyEntity> {
    const journey = isUuid(id) ? await this.db.getRepository(JourneyEntity).findOneBy({ id }) : null;
    if (!journey) throw ApiError.notFound('Journey', id);
    return journey;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function summary(journey: JourneyEntity): JourneySummary {
  return {
    id: journey.id,
    name: journey.name,
    status: journey.status,
    publishedVersion: journey.publishedVersion,
    createdAt: journey.createdAt.toISOString(),
    updatedAt: journey.updatedAt.toISOString(),
  };
}
