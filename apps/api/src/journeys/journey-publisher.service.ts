/**
 * Publishing: the draft is validated (the journey lib's rules, every template present, every locale
 * variant using known variables and rendering with sample data, every node type one this engine
 * runs) and, with no problem, frozen as the next immutable version with the template versions it
 * renders pinned (docs/architecture.md, "Template versions"); a draft journey goes live. Problems
 * are answered all at once (422), each on its node, and nothing changes.
 */
import { Injectable } from '@nestjs/common';
import {
  checkTemplate,
  sampleTemplateContext,
  TemplateCatalog,
  type TemplateChannel,
} from '@waypoint/channels';
import type { PublishResult } from '@waypoint/contract';
import {
  Database,
  findJourneyForUpdate,
  insertJourneyVersion,
  markJourneyPublished,
  pinTemplateVersions,
  type Query,
  type TemplatePin,
} from '@waypoint/data';
import {
  validateJourney,
  type JourneyDefinition,
  type JourneyProblem,
  type TemplateData,
} from '@waypoint/journey';
import { SUPPORTED_NODE_TYPES } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { TemplateResolver } from '../templates/template-resolver.service';
import { journeySummary } from './journey-summary';

/** What publishing found out about one template: whether it can be used, and what run data it needs. */
interface TemplateVerdict {
  check: true | string;
  needs: TemplateData[];
  /** The layouts its variants name (pinned with it). */
  layouts: string[];
}

@Injectable()
export class JourneyPublisher {
  constructor(
    private readonly db: Database,
    private readonly templates: TemplateCatalog,
    private readonly resolver: TemplateResolver,
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
    const profile = await this.resolver.profile();
    return this.db.transaction(async (query) => {
      const journey = await findJourneyForUpdate(query, id);
      if (!journey) throw ApiError.notFound('Journey', id);
      if (journey.status === 'archived')
        throw ApiError.conflict('journey_archived', `Journey ${id} is archived`);
      const verdicts = await this.templateVerdicts(query, journey.draft, profile.locale);
      const { problems, definition } = this.problemsOf(journey.draft, verdicts);
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
      await pinTemplateVersions(query, journey.id, version, await this.pins(query, verdicts, profile.locale));
      const status = journey.status === 'draft' ? 'live' : journey.status;
      return {
        journey: journeySummary(await markJourneyPublished(query, journey.id, version, status)),
        version,
      };
    });
  }

  /** The problems publishing this draft now would refuse it for (none: it would publish). */
  async problemsOfDraft(draft: unknown): Promise<JourneyProblem[]> {
    const profile = await this.resolver.profile();
    const verdicts = await this.templateVerdicts(this.db.query, draft, profile.locale);
    return this.problemsOf(draft, verdicts).problems;
  }

  /**
   * Every template the draft's send nodes name (asked of the journey lib, which knows where they
   * are), checked as it is now: each locale variant against the known variables, rendered with
   * sample data, and without a coupon (a template that needs one needs a coupon step before it).
   */
  private async templateVerdicts(
    query: Query,
    draft: unknown,
    defaultLocale: string,
  ): Promise<Map<string, TemplateVerdict>> {
    const used = new Map<string, { channel: TemplateChannel; name: string }>();
    const note = (channel: TemplateChannel, name: string) =>
      used.set(`${channel}/${name}`, { channel, name });
    validateJourney(draft, {
      checkTemplate: (channel, name) => (note(channel, name), true),
      templateNeeds: (channel, name) => (note(channel, name), []),
    });
    const verdicts = new Map<string, TemplateVerdict>();
    for (const [key, { channel, name }] of used) {
      verdicts.set(key, await this.verdictOf(query, channel, name, defaultLocale));
    }
    return verdicts;
  }

  private async verdictOf(
    query: Query,
    channel: TemplateChannel,
    name: string,
    defaultLocale: string,
  ): Promise<TemplateVerdict> {
    const current = await this.resolver.current(channel, name, query);
    if (!current)
      return { check: `missing template: there is no ${channel} template "${name}"`, needs: [], layouts: [] };
    const locales = Object.keys(current.variants).sort();
    const needs = new Set<TemplateData>();
    const layouts = new Set<string>();
    for (const locale of locales) {
      const where = locales.length > 1 ? ` (${locale})` : '';
      const options = { template: current, locale, defaultLocale };
      try {
        checkTemplate(current.variants[locale]);
        const layout = this.templates.get(channel, name, options).layout;
        const layoutVariants = layout
          ? await this.resolver.current(channel, `layouts/${layout}`, query)
          : undefined;
        if (layout) layouts.add(layout);
        const withLayout = { ...options, layout: layoutVariants };
        this.templates.render(channel, name, sampleTemplateContext(), withLayout);
        const { coupon: _coupon, ...withoutCoupon } = sampleTemplateContext();
        try {
          this.templates.render(channel, name, { ...withoutCoupon, coupon: null }, withLayout);
        } catch {
          needs.add('coupon');
        }
      } catch (error) {
        return {
          check: `template "${name}"${where} does not render with sample data: ${(error as Error).message}`,
          needs: [],
          layouts: [],
        };
      }
    }
    return { check: true, needs: [...needs], layouts: [...layouts] };
  }

  /**
   * The versions to pin: every template used, its layouts, and for WhatsApp the SMS and email
   * templates of the same name it falls back to.
   */
  private async pins(
    query: Query,
    verdicts: Map<string, TemplateVerdict>,
    defaultLocale: string,
  ): Promise<TemplatePin[]> {
    const wanted = new Map<string, { channel: TemplateChannel; name: string }>();
    for (const [key, verdict] of verdicts) {
      const [channel, ...rest] = key.split('/') as [TemplateChannel, ...string[]];
      const name = rest.join('/');
      wanted.set(key, { channel, name });
      for (const layout of verdict.layouts)
        wanted.set(`${channel}/layouts/${layout}`, { channel, name: `layouts/${layout}` });
      if (channel === 'whatsapp') {
        for (const fallback of ['sms', 'email'] as const)
          wanted.set(`${fallback}/${name}`, { channel: fallback, name });
      }
    }
    const pins: TemplatePin[] = [];
    // In one order, so two publishes that lock the same templates never wait on each other in a circle.
    const ordered = [...wanted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, t]) => t);
    for (const { channel, name } of ordered) {
      const version = await this.resolver.versionToPin(query, channel, name, defaultLocale);
      if (version !== undefined) pins.push({ channel, name, version });
    }
    return pins;
  }

  private problemsOf(
    draft: unknown,
    verdicts: Map<string, TemplateVerdict>,
  ): { problems: JourneyProblem[]; definition?: JourneyDefinition } {
    const result = validateJourney(draft, {
      checkTemplate: (channel, name) => verdicts.get(`${channel}/${name}`)?.check ?? true,
      // A template that renders with the sample coupon but not without one needs a coupon step.
      templateNeeds: (channel, name) => verdicts.get(`${channel}/${name}`)?.needs ?? [],
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
