/**
 * Publishing: the draft is validated (the journey lib's rules, every template present and rendering
 * with sample data, every node type one this engine runs) and, with no problem, frozen as the next
 * immutable version; a draft journey goes live. Problems are answered all at once (422), each on
 * its node, and nothing changes.
 */
import { Injectable } from '@nestjs/common';
import { sampleTemplateContext, TemplateCatalog } from '@waypoint/channels';
import type { PublishResult } from '@waypoint/contract';
import {
  Database,
  findJourneyForUpdate,
  insertJourneyVersion,
  loadSavedTemplates,
  markJourneyPublished,
} from '@waypoint/data';
import { validateJourney, type JourneyDefinition, type JourneyProblem } from '@waypoint/journey';
import { SUPPORTED_NODE_TYPES } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { journeySummary } from './journey-summary';

@Injectable()
export class JourneyPublisher {
  constructor(
    private readonly db: Database,
    private readonly templates: TemplateCatalog,
    private readonly audit: AuditLog,
  ) {}

  /** Publishes as the person, audited. */
  async publish(id: string, by: Principal | undefined): Promise<PublishResult> {
    const published = await this.publishDraft(id);
    await this.audit.record(by, {
      action: 'journey.publish',
      targetType: 'journey',
      targetId: id,
      detail: { version: published.version },
    });
    return published;
  }

  async publishDraft(id: string): Promise<PublishResult> {
    // Templates saved through the API count, as the worker will render them.
    await loadSavedTemplates(this.db.query, this.templates);
    return this.db.transaction(async (query) => {
      const journey = await findJourneyForUpdate(query, id);
      if (!journey) throw ApiError.notFound('Journey', id);
      if (journey.status === 'archived')
        throw ApiError.conflict('journey_archived', `Journey ${id} is archived`);
      const { problems, definition } = this.problemsOf(journey.draft);
      if (problems.length > 0 || !definition) {
        const count = problems.length;
        throw ApiError.unprocessable(
          'journey_invalid',
          `The journey cannot be published: ${count} problem${count === 1 ? '' : 's'}`,
          { problems },
        );
      }
      const version = (journey.publishedVersion ?? 0) + 1;
      await insertJourneyVersion(query, journey.id, version, definition);
      const status = journey.status === 'draft' ? 'live' : journey.status;
      return {
        journey: journeySummary(await markJourneyPublished(query, journey.id, version, status)),
        version,
      };
    });
  }

  private problemsOf(draft: unknown): { problems: JourneyProblem[]; definition?: JourneyDefinition } {
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
      // A template that renders with the sample coupon but not without one needs a coupon step.
      templateNeeds: (channel, name) => {
        if (!this.templates.exists(channel, name)) return [];
        const { coupon: _coupon, ...withoutCoupon } = sampleTemplateContext();
        try {
          this.templates.render(channel, name, sampleTemplateContext());
        } catch {
          return []; // refused as template_invalid already
        }
        try {
          this.templates.render(channel, name, { ...withoutCoupon, coupon: null });
          return [];
        } catch {
          return ['coupon'];
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
}
