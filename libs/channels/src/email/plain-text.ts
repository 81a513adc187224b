/**
 * The plain-text part of an email, made from its rendered HTML: what mail clients that show no
 * HTML (and spam filters) read. Links are kept as "text [url]", headings and lists as text.
 */
import { compile } from 'html-to-text';

// Compiled once: `convert` would build the selector tree again for every email (about half of a
// send's CPU in the worker's profile, docs/benchmarks.md "The floor").
const toText = compile({
  // Unwrapped: a link stays on the line of its text, and mail clients wrap plain text themselves.
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['[', ']'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
  ],
});

export function plainTextOf(html: string): string {
  return toText(html).trim();
}
