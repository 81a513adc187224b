/**
 * The Handlebars files under `templates/<channel>/<name>.hbs`. A file may open with front matter
 * (`---` lines of `key: value`), e.g. an email's `subject:`; each front-matter value is itself a
 * template. Compiled once per file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileTemplate, type RenderTemplate, type TemplateChannel } from './template-renderer';

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
}

export class TemplateNotFoundError extends Error {}

const NAME_PATTERN = /^(layouts\/)?[a-z0-9][a-z0-9-_]*$/;

/** The repository's templates folder, wherever this lib runs from (src in tests, dist when built). */
export const DEFAULT_TEMPLATES_DIR = resolve(__dirname, '../../../../templates');

export class TemplateCatalog {
  private readonly cache = new Map<string, CompiledTemplate>();
  /** Templates saved through the API (kept in the database), which win over the shipped files. */
  private readonly saved = new Map<string, CompiledTemplate>();

  constructor(readonly dir: string = DEFAULT_TEMPLATES_DIR) {}

  exists(channel: TemplateChannel, name: string): boolean {
    return (
      this.saved.has(`${channel}/${name}`) ||
      (NAME_PATTERN.test(name) && existsSync(this.pathOf(channel, name)))
    );
  }

  static isValidName(name: string): boolean {
    return NAME_PATTERN.test(name) && !name.startsWith('layouts/');
  }

  /** Adopts a saved template (compiled now, so a broken one throws here, not at send time). */
  useSaved(channel: TemplateChannel, name: string, source: string): CompiledTemplate {
    const compiled = parseTemplate(name, channel, source);
    this.saved.set(`${channel}/${name}`, compiled);
    return compiled;
  }

  /** Names of the shipped files and saved templates, per channel. */
  list(channel: TemplateChannel): string[] {
    const dir = join(this.dir, channel);
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.hbs'))
          .map((f) => f.slice(0, -4))
      : [];
    const saved = [...this.saved.keys()]
      .filter((k) => k.startsWith(`${channel}/`))
      .map((k) => k.slice(channel.length + 1));
    return [...new Set([...files, ...saved])].sort();
  }

  /** The source of a shipped file (for the editor), or undefined. */
  fileSource(channel: TemplateChannel, name: string): string | undefined {
    return NAME_PATTERN.test(name) && existsSync(this.pathOf(channel, name))
      ? readFileSync(this.pathOf(channel, name), 'utf8')
      : undefined;
  }

  get(channel: TemplateChannel, name: string): CompiledTemplate {
    const key = `${channel}/${name}`;
    const saved = this.saved.get(key);
    if (saved) return saved;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (!this.exists(channel, name)) {
      throw new TemplateNotFoundError(
        `missing template: no ${channel} template "${name}" in ${this.dir}/${channel}`,
      );
    }
    const compiled = parseTemplate(name, channel, readFileSync(this.pathOf(channel, name), 'utf8'));
    this.cache.set(key, compiled);
    return compiled;
  }

  render(channel: TemplateChannel, name: string, context: Record<string, unknown>): RenderedTemplate {
    const template = this.get(channel, name);
    const fields = Object.fromEntries(
      Object.entries(template.fields).map(([k, render]) => [k, render(context).trim()]),
    );
    const body = template.body(context);
    if (!template.layout) return { fields, body };
    // A layout (e.g. templates/email/layouts/default.hbs) wraps the body: `{{{body}}}` places it.
    const layout = this.get(channel, `layouts/${template.layout}`);
    return { fields, body: layout.body({ ...context, ...fields, body }) };
  }

  /** A one-off template string (e.g. a WhatsApp content variable), rendered with the same rules. */
  renderInline(channel: TemplateChannel, source: string, context: Record<string, unknown>): string {
    return compileTemplate(source, channel)(context);
  }

  private pathOf(channel: TemplateChannel, name: string): string {
    return join(this.dir, channel, `${name}.hbs`);
  }
}

export function parseTemplate(name: string, channel: TemplateChannel, source: string): CompiledTemplate {
  const fields: Record<string, RenderTemplate> = {};
  let layout: string | undefined;
  let body = source;
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (frontMatter) {
    body = source.slice(frontMatter[0].length);
    for (const line of frontMatter[1].split(/\r?\n/)) {
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
  }
  return { name, channel, fields, layout, body: compileTemplate(body, channel) };
}
