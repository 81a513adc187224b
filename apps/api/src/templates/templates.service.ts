/**
 * Templates: list, read, save a locale variant as a new version (checked and rendered against
 * sample data first: a template that fails is refused with 422 and not saved), delete a variant,
 * read a version, and preview for a chosen customer or sample data (docs/product.md, "Templates").
 */
import { Injectable } from '@nestjs/common';
import {
  ANY_LOCALE,
  pickVariant,
  sampleTemplateContext,
  TemplateCatalog,
  type TemplateChannel,
  type TemplateVariants,
} from '@waypoint/channels';
import type {
  PreviewTemplate,
  RenderedTemplate,
  SavedTemplate,
  TemplateNames,
  TemplateSource,
  TemplateSummary,
  TemplateUse,
  TemplateVersion,
} from '@waypoint/contract';
import {
  Database,
  findTemplateVersion,
  insertTemplateVersion,
  listSavedTemplateHeads,
  listTemplateUses,
  listTemplateVersions,
  lockTemplate,
  type TemplateUseRow,
} from '@waypoint/data';
import { CHANNELS } from '@waypoint/journey';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { TemplateRenderer } from './template-renderer.service';
import { namedLocales, TemplateResolver } from './template-resolver.service';

@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: Database,
    private readonly resolver: TemplateResolver,
    private readonly renderer: TemplateRenderer,
    private readonly audit: AuditLog,
  ) {}

  private get catalog(): TemplateCatalog {
    return this.resolver.catalog;
  }

  async list(): Promise<TemplateNames> {
    const saved = await listSavedTemplateHeads(this.db.query);
    const names = (channel: TemplateChannel) =>
      [
        ...new Set([
          ...this.catalog.list(channel),
          ...saved.filter((s) => s.channel === channel).map((s) => s.name),
        ]),
      ]
        .filter((n) => TemplateCatalog.isValidName(n))
        .sort();
    return Object.fromEntries(CHANNELS.map((c) => [c, names(c)])) as TemplateNames;
  }

  /** Every template, shipped or saved, with its locales and the journeys that render it. */
  async overview(): Promise<TemplateSummary[]> {
    const [profile, saved, uses] = await Promise.all([
      this.resolver.profile(),
      listSavedTemplateHeads(this.db.query),
      listTemplateUses(this.db.query),
    ]);
    const names = await this.list();
    return CHANNELS.flatMap((channel) =>
      names[channel].map((name): TemplateSummary => {
        const head = saved.find((s) => s.channel === channel && s.name === name);
        const files = head
          ? {}
          : namedLocales(this.catalog.fileVariants(channel, name) ?? {}, profile.locale);
        return {
          channel,
          name,
          locales: head ? head.locales : Object.keys(files).sort(),
          saved: Boolean(head),
          version: head?.version ?? null,
          updatedAt: head ? head.created_at.toISOString() : null,
          usedBy: uses.filter((u) => u.channel === channel && u.name === name).map(presentUse),
        };
      }),
    );
  }

  async get(channel: TemplateChannel, name: string): Promise<TemplateSource> {
    const current = await this.resolver.current(channel, name);
    if (!current) throw ApiError.notFound('Template', `${channel}/${name}`);
    const profile = await this.resolver.profile();
    const variants = namedLocales(current.variants, profile.locale);
    const locales = Object.keys(variants).sort();
    const main = pickVariant(locales, profile.locale, profile.locale) as string;
    const [versions, uses] = await Promise.all([
      listTemplateVersions(this.db.query, channel, name),
      listTemplateUses(this.db.query, { channel, name }),
    ]);
    return {
      channel,
      name,
      source: variants[main],
      locale: main,
      saved: current.saved,
      updatedAt: current.row ? current.row.created_at.toISOString() : null,
      version: current.version,
      variants: locales.map((locale) => ({ locale, source: variants[locale] })),
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.created_at.toISOString(),
        createdBy: v.created_by,
        locales: v.locales,
      })),
      usedBy: uses.map(presentUse),
    };
  }

  async getVersion(channel: TemplateChannel, name: string, version: number): Promise<TemplateVersion> {
    const row = await findTemplateVersion(this.db.query, channel, name, version);
    if (!row) throw ApiError.notFound('Template version', `${channel}/${name}/${version}`);
    return {
      channel,
      name,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
      variants: Object.keys(row.variants)
        .sort()
        .map((locale) => ({ locale, source: row.variants[locale] })),
    };
  }

  /** Saves one locale variant as the next version (the other variants carried over). */
  async save(
    channel: TemplateChannel,
    name: string,
    source: string,
    locale: string | undefined,
    by: Principal | undefined,
  ): Promise<SavedTemplate> {
    if (!TemplateCatalog.isValidName(name)) {
      throw ApiError.badRequest(
        'invalid_name',
        'A template name is lowercase letters, digits, "-" and "_", e.g. "cart-reminder"',
      );
    }
    const profile = await this.resolver.profile();
    const target = canonicalLocale(locale ?? profile.locale);
    const preview = await this.renderer.renderChecked(
      channel,
      name,
      { version: null, variants: { [target]: source } },
      sampleTemplateContext(),
      { locale: target, profile, sample: true, check: true },
    );
    // An email without a subject would be sent with an empty one: refused at save (docs/api.md).
    if (channel === 'email' && 'subject' in preview && !preview.subject?.trim()) {
      throw ApiError.unprocessable(
        'template_invalid',
        'An email template needs a subject: start it with "---", "subject: …", "---" (the subject is missing or renders empty)',
        { line: null, column: null, name: 'subject' },
      );
    }
    await this.db.transaction(async (query) => {
      await lockTemplate(query, channel, name);
      const current = await this.resolver.current(channel, name, query);
      const base = current ? namedLocales(current.variants, profile.locale) : {};
      const replaced = Object.keys(base).find((l) => l.toLowerCase() === target.toLowerCase()) ?? target;
      const { [replaced]: _old, ...others } = base;
      const row = await insertTemplateVersion(query, {
        channel,
        name,
        variants: { ...others, [target]: source },
        createdBy: creatorOf(by),
      });
      // What live journeys send after their next publish changes: who changed it belongs in the audit log.
      await this.audit.record(
        by,
        {
          action: 'template.save',
          targetType: 'template',
          targetId: `${channel}/${name}`,
          detail: { version: row.version, locale: target },
        },
        query,
      );
    });
    return { channel, name, preview };
  }

  /** A new version without one locale variant (404 when it has none, 409 when it is the last). */
  async deleteLocale(
    channel: TemplateChannel,
    name: string,
    locale: string,
    by: Principal | undefined,
  ): Promise<TemplateSource> {
    const profile = await this.resolver.profile();
    await this.db.transaction(async (query) => {
      await lockTemplate(query, channel, name);
      const current = await this.resolver.current(channel, name, query);
      if (!current) throw ApiError.notFound('Template', `${channel}/${name}`);
      const variants = namedLocales(current.variants, profile.locale);
      const key = Object.keys(variants).find((l) => l.toLowerCase() === locale.toLowerCase());
      if (key === undefined) throw ApiError.notFound('Template variant', `${channel}/${name}/${locale}`);
      if (Object.keys(variants).length === 1) {
        throw ApiError.conflict(
          'last_variant',
          `"${key}" is the only variant of ${channel}/${name}; a template needs at least one`,
        );
      }
      const { [key]: _removed, ...rest } = variants;
      const row = await insertTemplateVersion(query, {
        channel,
        name,
        variants: rest,
        createdBy: creatorOf(by),
      });
      await this.audit.record(
        by,
        {
          action: 'template.delete_locale',
          targetType: 'template',
          targetId: `${channel}/${name}`,
          detail: { version: row.version, locale: key },
        },
        query,
      );
    });
    return this.get(channel, name);
  }

  async preview(input: PreviewTemplate): Promise<RenderedTemplate> {
    const profile = await this.resolver.profile();
    const { context, locale: customerLocale } = input.customerId
      ? await this.renderer.customerContext(input.customerId)
      : { context: sampleTemplateContext(), locale: null };
    const name = input.name ?? 'preview';
    const template = await this.templateOf(input.channel, name, input.source, input.version);
    return this.renderer.renderChecked(input.channel, name, template, context, {
      locale: input.locale ?? customerLocale,
      profile,
      sample: !input.customerId,
      unsaved: input.source !== undefined,
      check: input.source !== undefined,
    });
  }

  /** A source as given, a saved version, or the template as it is now (404 when there is none). */
  async templateOf(
    channel: TemplateChannel,
    name: string,
    source: string | undefined,
    version?: number,
  ): Promise<TemplateVariants> {
    if (source !== undefined) return { version: null, variants: { [ANY_LOCALE]: source } };
    if (version !== undefined) {
      const row = await findTemplateVersion(this.db.query, channel, name, version);
      if (!row) throw ApiError.notFound('Template version', `${channel}/${name}/${version}`);
      return row;
    }
    const current = await this.resolver.current(channel, name);
    if (!current) throw ApiError.notFound('Template', `${channel}/${name}`);
    return current;
  }
}

/** How a version names who saved it: a person's email, an API key, or the system. */
export function creatorOf(by: Principal | undefined): string {
  if (!by) return 'system';
  return by.kind === 'user' ? by.email : `API key ${by.apiKeyId}`;
}

/** `en-us` → `en-US`, as Intl writes it (the contract already refused what is not a tag). */
function canonicalLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    return locale;
  }
}

function presentUse(u: TemplateUseRow): TemplateUse {
  return {
    journeyId: u.journey_id,
    journeyName: u.journey_name,
    journeyVersion: u.journey_version,
    journeyStatus: u.journey_status,
    templateVersion: u.template_version,
  };
}
