/**
 * The template a run renders (docs/architecture.md, "Template versions"): the version its journey
 * version pinned at publish; for runs of journeys published before pinning, the latest version a
 * person saved, else the shipped files. The variant follows the customer's locale (then the store's
 * default locale, then any); money and dates use the store's currency and time zone. The journey
 * preview renders through the same code, with the pins of the version it previews (or the draft's
 * templates as a new version would pin them).
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  surveyLinks,
  TemplateCatalog,
  type RenderedTemplate,
  type TemplateChannel,
  type TemplateVariants,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  Database,
  findLatestTemplateVersion,
  findPinnedTemplateVersions,
  findVersionPinnedTemplates,
} from '@waypoint/data';

/**
 * Whose pins to render: a run's id (the version it runs on), a journey version (a preview of it),
 * or `draft` (a preview of the draft: what publishing would pin, the latest saved, else the files).
 */
export type TemplatePins = { runId: string } | { journeyId: string; version: number } | { draft: true };

/** Renders with everything read already: throws only for the template itself. */
export type PreparedRender = ((context: Record<string, unknown>) => RenderedTemplate) & {
  /**
   * Whether the template or its layout (any locale) mentions `recommendations`: only then does the
   * context need that query (template-context.service.ts). A plain substring search of the sources,
   * so it never misses a use (a mention in the text only costs the query).
   */
  readonly readsRecommendations: boolean;
};

/** What a run or version pinned of one template and the channel's layouts, by name. */
type Pinned = Map<string, TemplateVariants>;

@Injectable()
export class RunTemplates {
  constructor(
    private readonly db: Database,
    private readonly catalog: TemplateCatalog,
    private readonly profiles: StoreProfileReader,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The variants the run renders, or undefined when there is no such template. */
  async variantsFor(
    pins: TemplatePins,
    channel: TemplateChannel,
    name: string,
    pinned?: Pinned,
  ): Promise<TemplateVariants | undefined> {
    const own = (pinned ?? (await this.pinned(pins, channel, name))).get(name);
    if (own) return own;
    const saved = await findLatestTemplateVersion(this.db.query, channel, name, { savedOnly: true });
    if (saved) return saved;
    const files = this.catalog.fileVariants(channel, name);
    return files ? { version: null, variants: files } : undefined;
  }

  async exists(pins: TemplatePins, channel: TemplateChannel, name: string): Promise<boolean> {
    return (await this.variantsFor(pins, channel, name)) !== undefined;
  }

  /** The pinned versions of the template and of the channel's layouts: one statement for both. */
  private async pinned(pins: TemplatePins, channel: TemplateChannel, name: string): Promise<Pinned> {
    const rows =
      'runId' in pins
        ? await findPinnedTemplateVersions(this.db.query, pins.runId, channel, name)
        : 'journeyId' in pins
          ? await findVersionPinnedTemplates(this.db.query, pins.journeyId, pins.version, channel, name)
          : [];
    return new Map(rows.map((row) => [row.name, row]));
  }

  /**
   * Reads what rendering needs (the variants, the layout's, the store's profile) and answers a
   * render function; a template that does not compile or render throws when it is called.
   * `nodeId` signs the `{{survey}}` answer links for this send (docs/product.md, "Surveys").
   */
  async prepare(
    pins: TemplatePins,
    channel: TemplateChannel,
    name: string,
    customerLocale: string | null,
    nodeId?: string,
  ): Promise<PreparedRender> {
    const [pinned, profile] = await Promise.all([this.pinned(pins, channel, name), this.profiles.current()]);
    const template = await this.variantsFor(pins, channel, name, pinned);
    const options = { template, locale: customerLocale, defaultLocale: profile.locale };
    let layoutName: string | undefined;
    let error: unknown;
    try {
      layoutName = this.catalog.get(channel, name, options).layout;
    } catch (e) {
      error = e;
    }
    const layout = layoutName
      ? await this.variantsFor(pins, channel, `layouts/${layoutName}`, pinned)
      : undefined;
    const render = (context: Record<string, unknown>) => {
      if (error) throw error;
      return this.catalog.render(channel, name, context, {
        ...options,
        layout,
        format: {
          currency: profile.currency,
          timeZone: profile.timeZone,
          surveyLink: surveyLinks(
            this.env.PUBLIC_URL,
            this.env.APP_SECRET,
            nodeId === undefined || !('runId' in pins) ? null : { runId: pins.runId, nodeId },
          ),
        },
      });
    };
    return Object.assign(render, { readsRecommendations: mention([template, layout], 'recommendations') });
  }
}

/** Whether any variant of these templates has `word` in its source (a superset of reading it). */
export function mention(templates: Array<TemplateVariants | undefined>, word: string): boolean {
  return templates.some((t) => t !== undefined && Object.values(t.variants).some((s) => s.includes(word)));
}
