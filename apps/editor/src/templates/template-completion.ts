/**
 * What to offer while typing inside `{{…}}`: the variables the API lists for this channel (and the
 * trigger's event properties), plus the helpers templates may use. Pure, so the rules are tested
 * without an editor; TemplateCodeEditor turns the answer into CodeMirror completions.
 */
import type { TemplateVariable } from '../api-types';

/** The helpers the renderer knows (an unknown one is refused when the template is saved). */
export const TEMPLATE_HELPERS = [
  { name: 'money', detail: '{{money amount}}: in the customer’s locale and the store’s currency' },
  { name: 'date', detail: '{{date value}}: in the customer’s locale and the store’s time zone' },
  { name: 'default', detail: '{{default value "fallback"}}: the fallback when the value is empty' },
  { name: 'upper', detail: '{{upper value}}: in capitals' },
  { name: 'lower', detail: '{{lower value}}: in small letters' },
  { name: '#if', detail: '{{#if value}}…{{else}}…{{/if}}' },
  { name: '#unless', detail: '{{#unless value}}…{{/unless}}' },
  { name: '#each', detail: '{{#each list}}…{{/each}}' },
] as const;

export interface TemplateCompletion {
  /** Where the word being completed starts (an offset in the document). */
  from: number;
  options: Array<{ label: string; detail: string; type: 'variable' | 'function' }>;
}

/**
 * The completions at `position`, given the text before it on its line; null outside `{{…}}`.
 * Right after `{{` both helpers and variables are offered; after a helper's name, variables.
 */
export function completeTemplate(
  lineBefore: string,
  position: number,
  variables: readonly TemplateVariable[],
): TemplateCompletion | null {
  const match = /\{\{\{?(~?)\s*([#/]?[\w]*\s+)?((?:[#/]?)[\w.@]*)$/.exec(lineBefore);
  if (!match) return null;
  const [, , helper = '', word] = match;
  const from = position - word.length;
  const typed = word.toLowerCase();
  const variableOptions = variables
    .filter((v) => v.path.toLowerCase().includes(typed.replace(/^[#/]/, '')))
    .map((v) => ({
      label: v.path,
      detail: [v.description, v.example ? `e.g. ${v.example}` : '', v.mayBeAbsent ? '(may be empty)' : '']
        .filter(Boolean)
        .join(' '),
      type: 'variable' as const,
    }));
  if (helper.trim() !== '' || word.includes('.')) return { from, options: variableOptions };
  const helperOptions = TEMPLATE_HELPERS.filter((h) => h.name.startsWith(typed) || typed === '').map((h) => ({
    label: h.name,
    detail: h.detail,
    type: 'function' as const,
  }));
  return { from, options: [...helperOptions, ...variableOptions] };
}
