import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sampleTemplateContext } from './sample-context';
import { checkTemplate, DEFAULT_TEMPLATES_DIR, pickVariant, TemplateCatalog } from './template-catalog';
import { TemplateError } from './template-check';
import { compileTemplate } from './template-renderer';

function refusal(source: string): TemplateError {
  try {
    checkTemplate(source);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`accepted: ${source}`);
}

describe('template checks', () => {
  it('passes every shipped template and layout, in every locale', () => {
    const catalog = new TemplateCatalog();
    let checked = 0;
    for (const channel of ['email', 'sms', 'whatsapp'] as const) {
      for (const name of [...catalog.list(channel), ...(channel === 'email' ? ['layouts/default'] : [])]) {
        for (const source of Object.values(catalog.fileVariants(channel, name) ?? {})) {
          expect(() => checkTemplate(source, { layout: name.startsWith('layouts/') })).not.toThrow();
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(readdirSync(join(DEFAULT_TEMPLATES_DIR, 'email')).length);
  });

  it('refuses a typo in a known variable, naming it with line and column', () => {
    const typo = refusal('---\nsubject: Hi\n---\n<p>\n  Hello {{customer.frstName}}</p>');
    expect(typo.code).toBe('template_invalid');
    expect(typo.message).toBe('Line 5, column 11: "frstName" is not a customer field');
    expect(typo.details).toEqual({ line: 5, column: 11, name: 'frstName' });
    expect(refusal('Use {{coupon.cod}}').message).toBe('Line 1, column 7: "cod" is not a coupon field');
    expect(refusal('---\nsubject: Hi {{customer.frstName}}\n---\nx').details).toEqual({
      line: 2,
      column: 15,
      name: 'frstName',
    });
    // As a helper's argument too (strict mode alone lets those through).
    expect(refusal('{{default customer.frstName "x"}}').details).toMatchObject({ name: 'frstName' });
  });

  it('says which block is not closed, and where', () => {
    const open = refusal('<p>x</p>\n {{#if customer.firstName}}Hi');
    expect(open.message).toBe('Line 2, column 2: the "{{#if}}" block is not closed');
    expect(open.message).not.toContain('[object Object]');
  });

  it('refuses an unknown helper by name', () => {
    const helper = refusal('Hi {{shout customer.firstName}}');
    expect(helper.code).toBe('unknown_helper');
    expect(helper.details).toEqual({ line: 1, column: 6, name: 'shout' });
    expect(helper.message).toContain('"shout" is not a helper');
  });

  it('accepts absent custom attributes and event properties, and renders them empty or their default', () => {
    const source =
      '[{{customer.attributes.tier}}] [{{default customer.attributes.tier "none"}}] [{{event.properties.giftNote}}]';
    expect(() => checkTemplate(source)).not.toThrow();
    const render = compileTemplate(source, 'sms');
    expect(render({ ...sampleTemplateContext() })).toBe('[] [none] []');
    expect(render({ ...sampleTemplateContext(), event: null })).toBe('[] [none] []');
    const gold = { ...sampleTemplateContext(), customer: { attributes: { tier: 'gold' } } };
    expect(render(gold)).toBe('[gold] [gold] []');
    // Known fields stay strict when rendering too.
    expect(() => compileTemplate('{{coupon.code}}', 'sms')({ coupon: null })).toThrow();
  });

  it('checks paths inside blocks against what the block iterates', () => {
    expect(() =>
      checkTemplate('{{#each event.properties.lineItems}}{{title}} {{../coupon.code}}{{/each}}'),
    ).not.toThrow();
    expect(refusal('{{#with coupon}}{{kode}}{{/with}}').details).toMatchObject({ name: 'kode' });
  });
});

describe('locales', () => {
  it('picks the exact locale, then its language, then a variant for any locale, then the store default, then any', () => {
    expect(pickVariant(['en', 'tr', 'tr-TR'], 'tr-TR', 'en')).toBe('tr-TR');
    expect(pickVariant(['en', 'tr'], 'tr-TR', 'en')).toBe('tr');
    expect(pickVariant(['en-US', 'tr'], 'en', 'tr')).toBe('en-US');
    expect(pickVariant(['en', 'tr'], 'de', 'tr')).toBe('tr');
    expect(pickVariant(['en', '*'], 'de', 'en')).toBe('*');
    expect(pickVariant(['fr', 'tr'], 'de', 'en')).toBe('fr');
    expect(pickVariant(['en', 'tr'], null, 'tr')).toBe('tr');
  });

  it('formats money and dates with Intl in the locale, currency and time zone given', () => {
    const render = compileTemplate('{{money total}} | {{money total "EUR"}} | {{date at}}', 'sms');
    const data = { total: 1234.5, at: '2026-12-06T22:30:00Z' };
    const intl = (locale: string, currency: string, timeZone: string) =>
      [
        new Intl.NumberFormat(locale, { style: 'currency', currency }).format(1234.5),
        new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1234.5),
        new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(data.at)),
      ].join(' | ');
    const tr = render(data, { locale: 'tr', currency: 'TRY', timeZone: 'Europe/Istanbul' });
    expect(tr).toBe(intl('tr', 'TRY', 'Europe/Istanbul'));
    expect(tr).toContain('7 Aralık 2026'); // 22:30 UTC is the next day in Istanbul
    expect(render(data, { locale: 'en', currency: 'TRY', timeZone: 'UTC' })).toBe(intl('en', 'TRY', 'UTC'));
  });

  it('renders the variant of the customer locale and the layout in the same locale', () => {
    const catalog = new TemplateCatalog();
    const template = {
      version: 3,
      variants: {
        en: '---\nsubject: Hi {{customer.firstName}}\nlayout: default\n---\n<p>{{money 10}}</p>',
        tr: '---\nsubject: Merhaba {{customer.firstName}}\nlayout: default\n---\n<p>{{money 10}}</p>',
      },
    };
    const layout = { version: 1, variants: { en: 'EN[{{{body}}}]', tr: 'TR[{{{body}}}]' } };
    const tr = catalog.render('email', 'greeting', sampleTemplateContext(), {
      template,
      layout,
      locale: 'tr-TR',
      defaultLocale: 'en',
      format: { currency: 'TRY' },
    });
    expect(tr.locale).toBe('tr');
    expect(tr.fields.subject).toBe('Merhaba Ada');
    expect(tr.body).toBe(
      `TR[<p>${new Intl.NumberFormat('tr-TR', { style: 'currency', currency: 'TRY' }).format(10)}</p>]`,
    );
    const de = catalog.render('email', 'greeting', sampleTemplateContext(), {
      template,
      layout,
      locale: 'de',
      defaultLocale: 'en',
    });
    expect(de.locale).toBe('en');
    expect(de.body).toBe('EN[<p>$10.00</p>]');
  });
});
