/**
 * The Turkish variants (`templates/<channel>/<name>.tr.hbs`) of every shipped template: each one
 * exists, compiles, renders with sample data, keeps the English variant's front matter and
 * variables, and each Turkish SMS stays within two UCS-2 segments (docs/product.md, Templates).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { smsSegments } from '../sms/sms-segments';
import { sampleTemplateContext } from './sample-context';
import { DEFAULT_TEMPLATES_DIR, parseTemplate, type CompiledTemplate } from './template-catalog';
import type { TemplateChannel } from './template-renderer';

const CHANNELS: TemplateChannel[] = ['email', 'sms', 'whatsapp'];
/** Two UCS-2 parts of 67: any ç ğ ı ö ş ü İ turns a whole SMS into UCS-2. */
const SMS_MAX_CHARS = 134;

interface Variant {
  channel: TemplateChannel;
  /** e.g. `welcome`, `layouts/default` */
  name: string;
  file: string;
}

/** `welcome.hbs` and `welcome.en.hbs` are both the English variant of `welcome`. */
function shipped(locale: 'en' | 'tr'): Variant[] {
  return CHANNELS.flatMap((channel) =>
    ['', 'layouts/'].flatMap((sub) => {
      const dir = join(DEFAULT_TEMPLATES_DIR, channel, sub);
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .map((file) => /^([a-z0-9][a-z0-9-_]*)(?:\.([a-z]{2}))?\.hbs$/.exec(file))
        .filter((m): m is RegExpExecArray => m !== null && (m[2] ?? 'en') === locale)
        .map((m) => ({ channel, name: `${sub}${m[1]}`, file: join(dir, m[0]) }));
    }),
  );
}

const english = shipped('en');
const turkish = shipped('tr');
const key = (v: Variant) => `${v.channel}/${v.name}`;
const source = (v: Variant) => readFileSync(v.file, 'utf8');
const compiled = (v: Variant) => parseTemplate(v.name, v.channel, source(v));

/** A customer and store as a Turkish shop has them (names with ç ğ ı ö ş ü). */
function turkishContext(): Record<string, unknown> {
  const sample = sampleTemplateContext();
  return {
    ...sample,
    customer: {
      ...(sample.customer as object),
      firstName: 'Ayşegül',
      lastName: 'Yılmaz',
      phone: '+905321234567',
    },
    store: { name: 'Doğa Kozmetik', url: 'https://dogakozmetik.com.tr' },
  };
}
function withoutFirstName(context: Record<string, unknown>): Record<string, unknown> {
  return { ...context, customer: { ...(context.customer as object), firstName: null } };
}
const contexts: Record<string, Record<string, unknown>> = {
  sample: sampleTemplateContext(),
  'sample without a first name': withoutFirstName(sampleTemplateContext()),
  turkish: turkishContext(),
  'turkish without a first name': withoutFirstName(turkishContext()),
  'turkish with a coupon that never expires': {
    ...turkishContext(),
    coupon: { ...(sampleTemplateContext().coupon as object), expiresAt: null },
  },
};

/** The body with its fields, wrapped in its layout's Turkish variant, as the catalog renders it. */
function render(template: CompiledTemplate, context: Record<string, unknown>) {
  const fields = Object.fromEntries(
    Object.entries(template.fields).map(([k, field]) => [k, field(context).trim()]),
  );
  const body = template.body(context);
  if (!template.layout) return { fields, body };
  const layout = turkish.find((v) => key(v) === `${template.channel}/layouts/${template.layout}`);
  if (!layout) throw new Error(`no Turkish layout ${template.channel}/layouts/${template.layout}`);
  return { fields, body: compiled(layout).body({ ...context, ...fields, body }) };
}

/** The data paths a template reads (`customer.firstName`, `coupon.code`, `body` …). */
function variablesOf(text: string): string[] {
  const paths = new Set<string>();
  for (const [, inside] of text.matchAll(/\{\{\{?([^}]*)\}?\}\}/g)) {
    for (const word of inside
      .replace(/"[^"]*"/g, ' ')
      .trim()
      .split(/\s+/)) {
      const path = word.replace(/^[#/]/, '').replace(/^(\.\.\/)+/, '');
      if (/^[a-zA-Z][\w.]*$/.test(path) && !['if', 'unless', 'each', 'with', 'else'].includes(path))
        paths.add(path);
    }
  }
  return [...paths].filter((p) => !['money', 'date', 'default', 'upper', 'lower'].includes(p)).sort();
}

function frontMatterKeys(text: string): string[] {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  return block
    .split(/\r?\n/)
    .filter((line) => line.includes(':'))
    .map((line) => line.slice(0, line.indexOf(':')).trim())
    .sort();
}

describe('Turkish templates', () => {
  it('exist for every shipped English template, layouts included', () => {
    expect(english.length).toBeGreaterThan(0);
    expect(turkish.map(key).sort()).toEqual(english.map(key).sort());
  });

  describe.each(turkish.map((v) => [key(v), v] as const))('%s.tr', (_name, variant) => {
    const en = english.find((v) => key(v) === key(variant))!;

    it('keeps the English front-matter keys and reads the same variables', () => {
      expect(frontMatterKeys(source(variant))).toEqual(frontMatterKeys(source(en)));
      expect(variablesOf(source(variant))).toEqual(variablesOf(source(en)));
    });

    it('attaches no Turkish suffix to a variable (it could not follow vowel harmony)', () => {
      // `{{store.name}}'da` or `{{customer.firstName}}'ın` reads wrong for half the names.
      expect(source(variant)).not.toMatch(/\{\{(?![#/!>^]|else\b)[^}]*\}\}\}?['’\p{L}]/u);
    });

    if (variant.name.startsWith('layouts/')) {
      it('is a Turkish page with a Turkish unsubscribe link', () => {
        const html = compiled(variant).body({
          ...contexts.turkish,
          subject: 'Konu',
          preheader: 'Ön yazı',
          body: '<p>x</p>',
        });
        expect(html).toContain('<html lang="tr">');
        expect(html).toMatch(
          /<a href="https:\/\/waypoint\.example\.com\/u\/sample"[^>]*>Abonelikten çık<\/a>/,
        );
        expect(html).toContain('<p>x</p>');
      });
      return;
    }

    it.each(Object.entries(contexts))('renders with the %s context', (_context, context) => {
      const { fields, body } = render(compiled(variant), context);
      const customer = context.customer as { firstName: string | null };
      const text = [...Object.values(fields), body].join('\n');
      if (customer.firstName && source(variant).includes('customer.firstName'))
        expect(text).toContain(customer.firstName);
      if (source(variant).includes('coupon.code')) expect(text).toContain('WELCOME-7KQ2MZ');
      // "… tarihine kadar" ("until …") only ever follows a date.
      expect(text).not.toMatch(/\D tarihine/);
      if (variant.channel === 'email') {
        expect(fields.subject).toBeTruthy();
        expect(body).toContain('<html lang="tr">');
      }
      if (variant.channel === 'sms') {
        const sms = body.trim();
        expect(sms.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
        expect(smsSegments(sms)).toBeLessThanOrEqual(2);
        // The opt-out keyword the inbound handler recognises (apps/api/src/delivery/inbound-intent.ts).
        expect(sms).toMatch(/\bRET yazın$/);
      }
    });
  });
});
