import { describe, expect, it } from '@jest/globals';
import {
  addVariant,
  draftsFrom,
  editVariant,
  isUnsaved,
  localeProblem,
  markSaved,
  mergeSaved,
  normaliseLocale,
  removeVariant,
  starterSource,
} from './locale-variants';

const saved = draftsFrom([{ locale: 'tr', source: '---\nsubject: Hoş geldin\n---\n<p>Merhaba</p>' }]);

describe('locale variants', () => {
  it('copies another locale’s current source, typed changes included, as a new unsaved variant', () => {
    const typed = editVariant(saved, 'tr', '---\nsubject: Hoş geldin!\n---\n<p>Merhaba</p>');
    const drafts = addVariant(typed, 'en', 'email', 'tr');
    expect(drafts.map((d) => d.locale)).toEqual(['tr', 'en']);
    expect(drafts[1]).toEqual({ locale: 'en', source: typed[0].source, saved: null });
    expect(isUnsaved(drafts[1])).toBe(true);
  });

  it('starts an empty variant from the channel’s starter: an email with its subject line', () => {
    const drafts = addVariant(saved, 'en', 'email');
    expect(drafts[1].source).toBe(starterSource('email'));
    expect(drafts[1].source).toMatch(/^---\nlayout: default\nsubject: /);
    expect(addVariant([], 'tr', 'sms')[0].source).toBe('{{store.name}}: ');
  });

  it('refuses a locale that is there already or is not a locale, and a copy from nowhere', () => {
    expect(localeProblem(saved, 'TR')).toBe('There is a TR variant already.');
    expect(localeProblem(saved, 'english please')).toMatch(/such as "tr"/);
    expect(localeProblem(saved, 'en-US')).toBeUndefined();
    expect(() => addVariant(saved, 'tr', 'email')).toThrow('There is a tr variant already.');
    expect(() => addVariant(saved, 'en', 'email', 'de')).toThrow('There is no de variant to copy.');
  });

  it('writes locales as Intl does', () => {
    expect(normaliseLocale(' TR ')).toBe('tr');
    expect(normaliseLocale('en_us')).toBe('en-US');
    expect(normaliseLocale('zh-Hant')).toBe('zh-Hant');
  });

  it('tracks what is unsaved, and removes a variant', () => {
    expect(isUnsaved(saved[0])).toBe(false);
    const typed = editVariant(saved, 'tr', 'changed');
    expect(isUnsaved(typed[0])).toBe(true);
    expect(isUnsaved(markSaved(typed, 'tr', 'changed')[0])).toBe(false);
    expect(removeVariant(addVariant(saved, 'en', 'sms'), 'tr').map((d) => d.locale)).toEqual(['en']);
  });

  it('takes a fresh answer from the API without losing typed work or unsaved variants', () => {
    const drafts = addVariant(editVariant(saved, 'tr', 'typed tr'), 'en', 'sms');
    const merged = mergeSaved(drafts, [
      { locale: 'tr', source: 'tr v2' },
      { locale: 'de', source: 'de v2' },
    ]);
    expect(merged).toEqual([
      { locale: 'tr', source: 'typed tr', saved: 'tr v2' },
      { locale: 'de', source: 'de v2', saved: 'de v2' },
      { locale: 'en', source: '{{store.name}}: ', saved: null },
    ]);
    // A variant deleted on the server and not changed here goes away.
    expect(mergeSaved(saved, [])).toEqual([]);
  });
});
