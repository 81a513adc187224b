/**
 * The template a run renders (docs/architecture.md, "Template versions"): the version its journey
 * version pinned at publish; for runs of journeys published before pinning, the latest version a
 * person saved, else the shipped files. The variant follows the customer's locale (then the store's
 * default locale, then any); money and dates use the store's currency and time zone.
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
import { Database, findLatestTemplateVersion, findPinnedTemplateVersion } from '@waypoint/data';

/** Renders with everything read already: throws only for the template itself. */
export type PreparedRender = (context: Record<string, unknown>) => RenderedTemplate;

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
    runId: string,
    channel: TemplateChannel,
    name: string,
  ): Promise<TemplateVariants | undefined> {
    const pinned = await findPinnedTemplateVersion(this.db.query, runId, channel, name);
    if (pinned) return pinned;
    const saved = await findLatestTemplateVersion(this.db.query, channel, name, { savedOnly: true });
    if (saved) return saved;
    const files = this.catalog.fileVariants(channel, name);
    return files ? { version: null, variants: files } : undefined;
  }

  async exists(runId: string, channel: TemplateChannel, name: string): Promise<boolean> {
    return (await this.variantsFor(runId, channel, name)) !== undefined;
  }

  /**
   * Reads what rendering needs (the variants, the layout's, the store's profile) and answers a
   * render function; a template that does not compile or render throws when it is called.
   * `nodeId` signs the `{{survey}}` answer links for this send (docs/product.md, "Surveys").
   */
  async prepare(
    runId: string,
    channel: TemplateChannel,
    name: string,
    customerLocale: string | null,
    nodeId?: string,
  ): Promise<PreparedRender> {
    const [template, profile] = await Promise.all([
      this.variantsFor(runId, channel, name),
      this.profiles.current(),
    ]);
    const options = { template, locale: customerLocale, defaultLocale: profile.locale };
    let layoutName: string | undefined;
    let error: unknown;
    try {
      layoutName = this.catalog.get(channel, name, options).layout;
    } catch (e) {
      error = e;
    }
    const layout = layoutName ? await this.variantsFor(runId, channel, `layouts/${layoutName}`) : undefined;
    return (context) => {
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
            nodeId === undefined ? null : { runId, nodeId },
          ),
        },
      });
    };
  }
}
