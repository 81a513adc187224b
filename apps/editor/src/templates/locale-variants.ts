/**
 * The locale variants the template page edits: what the API holds (the latest version's variants)
 * and what the marketer has typed since, per locale. A variant added here exists only in the page
 * until it is saved; its source starts as the channel's starter or as a copy of another locale's
 * (the marketer then translates it).
 */
import type { Channel } from '@waypoint/journey';

export interface VariantDraft {
  locale: string;
  /** What the editor holds now. */
  source: string;
  /** What the API holds for this locale; null for a variant not saved yet. */
  saved: string | null;
}

/** The contract's locale pattern (BCP 47 as templates use it: `tr`, `en`, `en-US`). */
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** `TR` → `tr`, `en-us` → `en-US`: language lower case, region upper case, as Intl writes them. */
export function normaliseLocale(input: string): string {
  const [language, ...rest] = input.trim().split(/[-_]/);
  return [
    (language ?? '').toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)),
  ].join('-');
}

/** Why `locale` cannot be added, or undefined when it can. */
export function localeProblem(drafts: readonly VariantDraft[], locale: string): string | undefined {
  if (!LOCALE.test(locale)) return 'Write a locale such as "tr", "en" or "en-US".';
  if (drafts.some((d) => d.locale.toLowerCase() === locale.toLowerCase()))
    return `There is a ${locale} variant already.`;
  return undefined;
}

/** What a new template or an empty variant starts with: an email needs a subject. */
export function starterSource(channel: Channel): string {
  if (channel === 'email') {
    return [
      '---',
      'layout: default',
      'subject: ',
      'preheader: ',
      '---',
      '<p>{{#if customer.firstName}}{{customer.firstName}}, {{/if}}</p>',
      '',
    ].join('\n');
  }
  return '{{store.name}}: ';
}

/** The drafts for a template as the API holds it (nothing typed yet). */
export function draftsFrom(variants: ReadonlyArray<{ locale: string; source: string }>): VariantDraft[] {
  return variants.map((v) => ({ locale: v.locale, source: v.source, saved: v.source }));
}

/** Adds a variant: a copy of `copyFrom`'s current source, or the channel's starter. */
export function addVariant(
  drafts: readonly VariantDraft[],
  locale: string,
  channel: Channel,
  copyFrom?: string,
): VariantDraft[] {
  const problem = localeProblem(drafts, locale);
  if (problem) throw new Error(problem);
  const from = copyFrom === undefined ? undefined : drafts.find((d) => d.locale === copyFrom);
  if (copyFrom !== undefined && !from) throw new Error(`There is no ${copyFrom} variant to copy.`);
  return [...drafts, { locale, source: from ? from.source : starterSource(channel), saved: null }];
}

export function editVariant(drafts: readonly VariantDraft[], locale: string, source: string): VariantDraft[] {
  return drafts.map((d) => (d.locale === locale ? { ...d, source } : d));
}

/** The variant saved as it is now (after the API accepted it). */
export function markSaved(drafts: readonly VariantDraft[], locale: string, source: string): VariantDraft[] {
  return drafts.map((d) => (d.locale === locale ? { ...d, saved: source } : d));
}

export function removeVariant(drafts: readonly VariantDraft[], locale: string): VariantDraft[] {
  return drafts.filter((d) => d.locale !== locale);
}

export const isUnsaved = (draft: VariantDraft) => draft.saved !== draft.source;

/**
 * Takes a fresh answer from the API without losing what is being typed: variants the API has are
 * refreshed (their typed source kept when it differs from what was saved), variants only typed here
 * stay, and variants the API no longer has are dropped unless they hold unsaved work.
 */
export function mergeSaved(
  drafts: readonly VariantDraft[],
  variants: ReadonlyArray<{ locale: string; source: string }>,
): VariantDraft[] {
  const fromApi = variants.map((v) => {
    const draft = drafts.find((d) => d.locale === v.locale);
    const source = draft && isUnsaved(draft) ? draft.source : v.source;
    return { locale: v.locale, source, saved: v.source };
  });
  const onlyHere = drafts.filter(
    (d) => !variants.some((v) => v.locale === d.locale) && (d.saved === null || isUnsaved(d)),
  );
  return [...fromApi, ...onlyHere.map((d) => ({ ...d, saved: null }))];
}
