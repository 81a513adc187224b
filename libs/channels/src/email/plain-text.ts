/**
 * The plain-text part of an email, made from its rendered HTML: what mail clients that show no
 * HTML (and spam filters) read. Links are kept as "text [url]", headings and lists as text.
 */
import { convert } from 'html-to-text';

export function plainTextOf(html: string): string {
  return convert(html, {
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
  }).trim();
}
