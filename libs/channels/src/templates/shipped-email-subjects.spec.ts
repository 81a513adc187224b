/**
 * Every shipped email template has a subject in each of its locales: the API refuses to save an
 * email template without one (docs/product.md, "Templates"), and the shipped files are saved as a
 * version when a journey using them is published.
 */
import { describe, expect, it } from '@jest/globals';
import { TemplateCatalog } from './template-catalog';

const catalog = new TemplateCatalog();

describe('shipped email templates', () => {
  const names = catalog.list('email');

  it('are found', () => {
    expect(names.length).toBeGreaterThan(10);
  });

  it.each(names)('%s has a subject in every locale', (name) => {
    const variants = catalog.fileVariants('email', name) ?? {};
    expect(Object.keys(variants).length).toBeGreaterThan(0);
    for (const [locale, source] of Object.entries(variants)) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
      const subject = /^subject:(.*)$/m.exec(front)?.[1]?.trim() ?? '';
      expect({ locale, subject: subject.length > 0 }).toEqual({ locale, subject: true });
    }
  });
});
