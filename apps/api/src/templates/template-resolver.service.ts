/**
 * What a template is now and what a journey pins: the latest version a person saved, else the
 * shipped files (docs/product.md, "Templates"). Publishing pins a version of every template a
 * journey renders; a template never saved gets its shipped files saved as a version first (marked
 * `shipped`), so a later deploy that changes the files does not change what a live journey sends.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ANY_LOCALE, TemplateCatalog, type TemplateChannel, type TemplateVariants } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { StoreProfile } from '@waypoint/contract';
import { loadStoreProfile } from '@waypoint/customer-value';
import {
  Database,
  findLatestTemplateVersion,
  insertTemplateVersion,
  lockTemplate,
  type Query,
  type TemplateVersionRow,
} from '@waypoint/data';

export interface CurrentTemplate extends TemplateVariants {
  /** Saved by a person (else the shipped files). */
  saved: boolean;
  row: TemplateVersionRow | null;
}

@Injectable()
export class TemplateResolver {
  constructor(
    private readonly db: Database,
    readonly catalog: TemplateCatalog,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  profile(query: Query = this.db.query): Promise<StoreProfile> {
    return loadStoreProfile(query, this.env);
  }

  /** The template as it is now, or undefined when there is no such template. */
  async current(
    channel: TemplateChannel,
    name: string,
    query: Query = this.db.query,
  ): Promise<CurrentTemplate | undefined> {
    const saved = await findLatestTemplateVersion(query, channel, name, { savedOnly: true });
    if (saved) return { version: saved.version, variants: saved.variants, saved: true, row: saved };
    const files = this.catalog.fileVariants(channel, name);
    return files ? { version: null, variants: files, saved: false, row: null } : undefined;
  }

  /**
   * The version to pin for a template (inside the publish transaction): the latest saved one, else
   * a snapshot of the shipped files (the last snapshot when the files are unchanged since).
   */
  async versionToPin(
    query: Query,
    channel: TemplateChannel,
    name: string,
    defaultLocale: string,
  ): Promise<number | undefined> {
    await lockTemplate(query, channel, name);
    const current = await this.current(channel, name, query);
    if (!current) return undefined;
    if (current.version !== null) return current.version;
    const variants = namedLocales(current.variants, defaultLocale);
    const snapshot = await findLatestTemplateVersion(query, channel, name);
    if (snapshot && sameVariants(snapshot.variants, variants)) return snapshot.version;
    const row = await insertTemplateVersion(query, {
      channel,
      name,
      variants,
      createdBy: null,
      shipped: true,
    });
    return row.version;
  }
}

/** A plain `<name>.hbs` (any locale) is stored under the store's default locale. */
export function namedLocales(
  variants: Record<string, string>,
  defaultLocale: string,
): Record<string, string> {
  const any = variants[ANY_LOCALE];
  if (any === undefined) return variants;
  const { [ANY_LOCALE]: _any, ...named } = variants;
  return defaultLocale in named ? named : { ...named, [defaultLocale]: any };
}

function sameVariants(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
