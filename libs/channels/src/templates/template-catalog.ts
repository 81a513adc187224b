/**
 * Templates and their locale variants. The shipped files are `templates/<channel>/<name>.<locale>.hbs`
 * (one file a locale; a plain `<name>.hbs`, as a store's own TEMPLATES_DIR may have, serves any
 * locale); saved versions come from the database as `{locale: source}` and are handed in by the
 * caller. A file may open with front matter (`---` lines of `key: value`), e.g. an email's
 * `subject:`; each front-matter value is itself a template. Compiled once per source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkTemplateSource, TemplateError } from './template-check';
import {
  compileTemplate,
  type RenderFormat,
  type RenderTemplate,
  type TemplateChannel,
} from './template-renderer';

export interface CompiledTemplate {
  name: string;
  channel: TemplateChannel;
  /** Rendered front-matter fields (for email: subject, preheader). */
  fields: Record<string, RenderTemplate>;
  /** The `layout:` front-matter key: a template under `<channel>/layouts/` that wraps the body. */
  layout?: string;
  body: RenderTemplate;
}

export interface RenderedTemplate {
  fields: Record<string, string>;
  body: string;
  /** The locale of the variant rendered. */
  locale: string;
}

/** A template's variants: a saved version (`version`), or the shipped files (`version: null`). */
export interface TemplateVariants {
  version: number | null;
  variants: Record<string, string>;
}

export interface RenderOptions {
  /** The variants to render; the shipped files when absent. */
  template?: TemplateVariants;
  /** The variants of the layout the template names; the shipped files when absent. */
  layout?: TemplateVariants;
  /** The customer's locale (picks the variant, formats money and dates). */
  locale?: string | null;
  /** The store's default locale: the variant for customers whose locale has none. */
  defaultLocale?: string;
  /** The store's currency and time zone for `{{money}}` and `{{date}}`. */
  format?: Partial<Omit<RenderFormat, 'locale'>>;
}

export class TemplateNotFoundError extends Error {}

/** The key of a plain `<name>.hbs` file: a variant for any locale. */
export const ANY_LOCALE = '*';

const NAME_PATTERN = /^(layouts\/)?[a-z0-9][a-z0-9-_]*$/;
const FILE_PATTERN = /^([a-z0-9][a-z0-9-_]*?)(?:\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?\.hbs$/;

/** The repository's templates folder, wherever this lib runs from (src in tests, dist when built). */
export const DEFAULT_TEMPLATES_DIR = resolve(__dirname, '../../../../templates');

/** A locale's language: `tr-TR` → `tr`. */
export function languageOf(locale: string): string {
  return locale.split('-')[0].toLowerCase();
}

/**
 * The variant for a customer: their exact locale, then its language (`tr-TR` → `tr`), then another
 * variant of that language, then a variant for any locale, then the store's default locale (the
 * same way), then any variant. Answers the variant's key, or undefined when there are none.
 */
export function pickVariant(
  locales: string[],
  wanted: string | null | undefined,
  defaultLocale: string,
): string | undefined {
  const byLower = new Map(locales.map((l) => [l.toLowerCase(), l]));
  const find = (locale: string | null | undefined) => {
    if (!locale) return undefined;
    const exact = byLower.get(locale.toLowerCase()) ?? byLower.get(languageOf(locale));
    return exact ?? locales.find((l) => l !== ANY_LOCALE && languageOf(l) === languageOf(locale));
  };
  return (
    find(wanted) ??
    (byLower.has(ANY_LOCALE) ? ANY_LOCALE : undefined) ??
    find(defaultLocale) ??
    [...locales].sort()[0]
  );
}

export class TemplateCatalog {
  private readonly cache = new Map<string, { source: string; compiled: CompiledTemplate }>();

  constructor(readonly dir: string = DEFAULT_TEMPLATES_DIR) {}

  static isValidName(name: string): boolean {
    return NAME_PATTERN.test(name) && !name.startsWith('layouts/');
  }

  /** Whether shipped files exist for the template (any locale). */
  exists(channel: TemplateChannel, name: string): boolean {
    return this.fileVariants(channel, name) !== undefined;
  }

  /** Names of the shipped templates, per channel (layouts left out). */
  list(channel: TemplateChannel): string[] {
    const dir = join(this.dir, channel);
    const names = existsSync(dir)
      ? readdirSync(dir)
          .map((f) => FILE_PATTERN.exec(f)?.[1])
          .filter((n): n is string => n !== undefined)
      : [];
    return [...new Set(names)].sort();
  }

  /** The shipped files of a template, `{locale: source}` (`*` for a plain `<name>.hbs`), or undefined. */
  fileVariants(channel: TemplateChannel, name: string): Record<string, string> | undefined {
    if (!NAME_PATTERN.test(name)) return undefined;
    const slash = name.lastIndexOf('/');
    const dir = join(this.dir, channel, name.slice(0, slash + 1));
    const base = name.slice(slash + 1);
    if (!existsSync(dir)) return undefined;
    const variants: Record<string, string> = {};
    for (const file of readdirSync(dir)) {
      const match = FILE_PATTERN.exec(file);
      if (!match || match[1] !== base) continue;
      variants[match[2] ?? ANY_LOCALE] = readFileSync(join(dir, file), 'utf8');
    }
    return Object.keys(variants).length ? variants : undefined;
  }

  /** The compiled variant of a template for a locale (the shipped files unless `template` is given). */
  get(
    channel: TemplateChannel,
    name: string,
    options: Pick<RenderOptions, 'template' | 'locale' | 'defaultLocale'> = {},
  ): CompiledTemplate & { locale: string } {
    const variants = options.template?.variants ?? this.fileVariants(channel, name);
    const defaultLocale = options.defaultLocale ?? 'en';
    const key = variants ? pickVariant(Object.keys(variants), options.locale, defaultLocale) : undefined;
    if (!variants || key === undefined) {
      throw new TemplateNotFoundError(
        `missing template: no ${channel} template "${name}" in ${this.dir}/${channel}`,
      );
    }
    const source = variants[key];
    const cacheKey = `${channel}/${name}/${key}`;
    let cached = this.cache.get(cacheKey);
    if (!cached || cached.source !== source) {
      cached = { source, compiled: parseTemplate(name, channel, source) };
      this.cache.set(cacheKey, cached);
    }
    return { ...cached.compiled, locale: key === ANY_LOCALE ? (options.locale ?? defaultLocale) : key };
  }

  render(
    channel: TemplateChannel,
    name: string,
    context: Record<string, unknown>,
    options: RenderOptions = {},
  ): RenderedTemplate {
    const template = this.get(channel, name, options);
    const format = { ...options.format, locale: formatLocale(options.locale, template.locale) };
    const fields = Object.fromEntries(
      Object.entries(template.fields).map(([k, render]) => [k, render(context, format).trim()]),
    );
    const body = template.body(context, format);
    if (!template.layout) return { fields, body, locale: template.locale };
    // A layout (e.g. templates/email/layouts/default.en.hbs) wraps the body: `{{{body}}}` places it.
    // Its variant follows the message's locale.
    const layout = this.get(channel, `layouts/${template.layout}`, {
      template: options.layout,
      locale: template.locale,
      defaultLocale: options.defaultLocale,
    });
    return { fields, body: layout.body({ ...context, ...fields, body }, format), locale: template.locale };
  }

  /** A one-off template string (e.g. a WhatsApp content variable), rendered with the same rules. */
  renderInline(
    channel: TemplateChannel,
    source: string,
    context: Record<string, unknown>,
    format?: Partial<RenderFormat>,
  ): string {
    return compileTemplate(source, channel)(context, format);
  }
}

/**
 * Money and dates follow the customer's locale when it is in the language of the text rendered
 * (`tr-TR` for a `tr` variant), else the variant's own locale: a sentence never mixes two.
 */
function formatLocale(customer: string | null | undefined, variant: string): string {
  return customer && languageOf(customer) === languageOf(variant) ? customer : variant;
}

/** Splits front matter from the body; `line` is where the body starts (1-based). */
function splitSource(source: string): { lines: string[]; body: string; bodyLine: number } {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!frontMatter) return { lines: [], body: source, bodyLine: 1 };
  return {
    lines: frontMatter[1].split(/\r?\n/),
    body: source.slice(frontMatter[0].length),
    bodyLine: frontMatter[0].split('\n').length - (frontMatter[0].endsWith('\n') ? 1 : 0) + 1,
  };
}

export function parseTemplate(name: string, channel: TemplateChannel, source: string): CompiledTemplate {
  const fields: Record<string, RenderTemplate> = {};
  let layout: string | undefined;
  const { lines, body } = splitSource(source);
  for (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new Error(`template ${channel}/${name}: front-matter line "${line}" is not "key: value"`);
    const key = line.slice(0, colon).trim();
    if (key === 'layout') {
      layout = line.slice(colon + 1).trim();
      continue;
    }
    fields[key] = compileTemplate(line.slice(colon + 1).trim(), channel === 'email' ? 'sms' : channel);
  }
  return { name, channel, fields, layout, body: compileTemplate(body, channel) };
}

/**
 * Checks a template's source as a person wrote it: front matter, every `{{…}}`, known variables
 * and helpers. Throws a TemplateError whose line and column count in the whole source; answers
 * the front-matter keys.
 */
export function checkTemplate(source: string, options: { layout?: boolean } = {}): string[] {
  const { lines, body, bodyLine } = splitSource(source);
  const fieldNames: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new TemplateError(
        'template_invalid',
        `the front-matter line "${line}" is not "key: value"`,
        i + 2,
        1,
      );
    }
    const key = line.slice(0, colon).trim();
    fieldNames.push(key);
    if (key === 'layout') return;
    const value = line.slice(colon + 1);
    const lead = value.length - value.trimStart().length;
    checkTemplateSource(value.trim(), { line: i + 2, column: colon + 2 + lead }, options);
  });
  checkTemplateSource(body, { line: bodyLine, column: 1 }, { ...options, fieldsOf: fieldNames });
  return fieldNames;
}
