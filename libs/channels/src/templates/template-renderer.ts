/**
 * Handlebars in an isolated environment: its own instance (no global helpers or partials),
 * strict mode (a missing field is an error, not an empty string), only allow-listed helpers
 * (`knownHelpersOnly`), no prototype access. HTML-escaped for email, verbatim for SMS/WhatsApp.
 *
 * Two kinds of data may be absent by nature: a customer's custom attributes
 * (`customer.attributes.*`) and the trigger event's properties (`event.properties.*`). Paths into
 * them are rewritten before compiling into a lookup that answers undefined for a missing key, so
 * they render empty (or their `{{default …}}`) while every other path stays strict
 * (docs/product.md, "Templates").
 *
 * `{{money x}}` and `{{date x}}` format with `Intl` in the locale, currency and time zone given as
 * Handlebars' `data` at render time (`@root` stays the context). `{{survey "why-left"}}` renders
 * one answer link per answer (email only) with the `surveyLink` given there (docs/product.md, "Surveys").
 */
import Handlebars from 'handlebars';
import { findSurvey, SURVEY_NAMES, surveyAnswersHtml, type SurveyLink } from '../surveys/surveys';

export type TemplateChannel = 'email' | 'sms' | 'whatsapp';

/** How money and dates are written: the customer's locale, the store's currency and time zone. */
export interface RenderFormat {
  locale: string;
  currency: string;
  timeZone: string;
  /** The answer links of `{{survey}}` (signed for the run and node); preview links when absent. */
  surveyLink?: SurveyLink;
}

export const DEFAULT_RENDER_FORMAT: RenderFormat = { locale: 'en', currency: 'USD', timeZone: 'UTC' };

const env = Handlebars.create();

/** The helper's last argument is Handlebars' options; its `data` carries the render format. */
function formatOf(args: unknown[]): RenderFormat {
  const options = args[args.length - 1] as { data?: { format?: Partial<RenderFormat> } } | undefined;
  return { ...DEFAULT_RENDER_FORMAT, ...(options?.data?.format ?? {}) };
}

/** The locale if Intl knows it, else English (a customer's locale comes from outside). */
function usableLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A lookup of own properties only that answers undefined where a key is missing (absent by nature). */
export const OPTIONAL_LOOKUP_HELPER = '_optional';

const helpers: Record<string, Handlebars.HelperDelegate> = {
  upper: (value: unknown) => String(value ?? '').toUpperCase(),
  lower: (value: unknown) => String(value ?? '').toLowerCase(),
  default: (value: unknown, fallback: unknown) =>
    value === undefined || value === null || value === '' ? fallback : value,
  money: (amount: unknown, ...rest: unknown[]) => {
    const format = formatOf(rest);
    const n = Number(amount);
    const given = rest.length > 1 ? rest[0] : undefined;
    const code =
      typeof given === 'string' && /^[A-Z]{3}$/.test(given)
        ? given
        : /^[A-Z]{3}$/.test(format.currency)
          ? format.currency
          : 'USD';
    return Number.isFinite(n)
      ? new Intl.NumberFormat(usableLocale(format.locale), { style: 'currency', currency: code }).format(n)
      : '';
  },
  date: (value: unknown, ...rest: unknown[]) => {
    const format = formatOf(rest);
    const d = new Date(String(value));
    if (value === undefined || value === null || Number.isNaN(d.getTime())) return '';
    try {
      return new Intl.DateTimeFormat(usableLocale(format.locale), {
        dateStyle: 'long',
        timeZone: format.timeZone,
      }).format(d);
    } catch {
      return new Intl.DateTimeFormat(usableLocale(format.locale), {
        dateStyle: 'long',
        timeZone: 'UTC',
      }).format(d);
    }
  },
  survey: (...args: unknown[]) => {
    const name = args[0];
    const options = args[args.length - 1] as { data?: { channel?: TemplateChannel } } | undefined;
    if (args.length !== 2 || typeof name !== 'string')
      throw new Error(`{{survey}} takes one survey name (${SURVEY_NAMES.join(', ')})`);
    const survey = findSurvey(name);
    if (!survey) throw new Error(`"${name}" is not a survey (the surveys are ${SURVEY_NAMES.join(', ')})`);
    if (options?.data?.channel !== 'email')
      throw new Error('{{survey}} answer links are for email messages only');
    const format = formatOf(args);
    const link: SurveyLink = format.surveyLink ?? (() => '#');
    return new env.SafeString(surveyAnswersHtml(survey, format.locale, link));
  },
  [OPTIONAL_LOOKUP_HELPER]: (head: unknown, ...rest: unknown[]) => {
    let value = head;
    for (const key of rest.slice(0, -1)) {
      if (value === null || typeof value !== 'object') return undefined;
      if (!Object.prototype.hasOwnProperty.call(value, String(key))) return undefined;
      value = (value as Record<string, unknown>)[String(key)];
    }
    return value;
  },
};
for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper);
// `lookup` reads arbitrary properties and `log` writes to the server's console: neither belongs in a template.
for (const name of ['lookup', 'log']) env.unregisterHelper(name);

/** The helpers a template may call, by name (block helpers included). */
export const TEMPLATE_HELPERS: readonly string[] = [
  ...Object.keys(helpers).filter((n) => n !== OPTIONAL_LOOKUP_HELPER),
  'if',
  'unless',
  'each',
  'with',
];

const knownHelpers = {
  ...Object.fromEntries(
    [...Object.keys(helpers), 'if', 'unless', 'each', 'with'].map((name) => [name, true]),
  ),
  lookup: false,
  log: false,
} as KnownHelpers;
type KnownHelpers = NonNullable<CompileOptions['knownHelpers']>;

export type RenderTemplate = (context: Record<string, unknown>, format?: Partial<RenderFormat>) => string;

export function compileTemplate(source: string, channel: TemplateChannel): RenderTemplate {
  const options = { strict: true, knownHelpers, knownHelpersOnly: true, noEscape: channel !== 'email' };
  const ast = withOptionalLookups(env.parse(source));
  // compile() is lazy; precompiling fails now (at save or publish time), not at the first send.
  env.precompile(ast, options);
  const template = env.compile(ast, options);
  return (context, format) =>
    template(context, {
      data: { format: { ...DEFAULT_RENDER_FORMAT, ...(format ?? {}) }, channel },
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
}

/** Roots whose keys may be absent: `customer.attributes.*`, `event.properties.*`. */
const OPTIONAL_ROOTS: Record<string, string> = { customer: 'attributes', event: 'properties' };

/** The parts of a path after an optional `@root.` */
function rootParts(path: hbs.AST.PathExpression): { offset: number; parts: string[] } {
  const offset = path.data && path.parts[0] === 'root' ? 1 : 0;
  return { offset, parts: path.parts.slice(offset) };
}

/** Whether the path reads into a subtree whose keys may be absent (3 parts or more). */
export function isOptionalPath(path: hbs.AST.PathExpression): boolean {
  if (path.data && path.parts[0] !== 'root') return false;
  const { parts } = rootParts(path);
  return parts.length >= 3 && OPTIONAL_ROOTS[parts[0]] === parts[1];
}

/**
 * `customer.attributes.tier` becomes `(_optional customer "attributes" "tier")` wherever it
 * appears (as a value, a helper's argument, a block's parameter); the head (`customer`, `event`)
 * keeps its strict-mode lookup rules, which never require a helper argument to exist.
 */
export function withOptionalLookups(ast: hbs.AST.Program): hbs.AST.Program {
  const rewrite = (node: hbs.AST.Expression): hbs.AST.Expression => {
    if (node.type === 'SubExpression') {
      visitCall(node as hbs.AST.SubExpression);
      return node;
    }
    if (node.type !== 'PathExpression' || !isOptionalPath(node as hbs.AST.PathExpression)) return node;
    const path = node as hbs.AST.PathExpression;
    const { offset, parts } = rootParts(path);
    const head = { ...path, parts: path.parts.slice(0, offset + 1) } as hbs.AST.PathExpression;
    head.original = `${path.data ? '@' : ''}${'../'.repeat(path.depth)}${head.parts.join('.')}`;
    return {
      type: 'SubExpression',
      path: helperPath(path.loc),
      params: [
        head,
        ...parts
          .slice(1)
          .map(
            (value) =>
              ({ type: 'StringLiteral', value, original: value, loc: path.loc }) as hbs.AST.StringLiteral,
          ),
      ],
      hash: undefined as unknown as hbs.AST.Hash,
      loc: path.loc,
    } as hbs.AST.SubExpression;
  };
  const visitCall = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression) => {
    node.params = node.params.map(rewrite);
    if (node.hash) for (const pair of node.hash.pairs) pair.value = rewrite(pair.value);
  };
  const visit = (program: hbs.AST.Program | undefined) => {
    for (const statement of program?.body ?? []) {
      if (statement.type === 'MustacheStatement') {
        const mustache = statement as hbs.AST.MustacheStatement;
        visitCall(mustache);
        if (
          mustache.path.type === 'PathExpression' &&
          mustache.params.length === 0 &&
          !mustache.hash &&
          isOptionalPath(mustache.path as hbs.AST.PathExpression)
        ) {
          const call = rewrite(mustache.path) as hbs.AST.SubExpression;
          mustache.path = call.path;
          mustache.params = call.params;
        }
      } else if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        visitCall(block);
        visit(block.program);
        visit(block.inverse);
      }
    }
  };
  visit(ast);
  return ast;
}

function helperPath(loc: hbs.AST.SourceLocation): hbs.AST.PathExpression {
  return {
    type: 'PathExpression',
    data: false,
    depth: 0,
    parts: [OPTIONAL_LOOKUP_HELPER],
    original: OPTIONAL_LOOKUP_HELPER,
    loc,
  };
}

/** Parses as the renderer does (for checks that walk the template). */
export function parseTemplateSource(source: string): hbs.AST.Program {
  return env.parse(source);
}
