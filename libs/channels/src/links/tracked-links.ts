/**
 * Tracked links (docs/product.md, "Tracked links"): every http(s) link of a journey message is
 * replaced by `<PUBLIC_URL>/c/<token>`, a redirect of the engine that records `message.clicked`
 * with the run, the node and the link before sending the reader on.
 *
 * A token is short enough for an SMS (16 characters): a 10-character id derived from the run, the
 * node and the URL (so a retried send mints the same token, and the stored row is written once)
 * and a 6-character signature of that id, so a tampered token is refused before any lookup.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const ID_LENGTH = 10;
const SIGNATURE_LENGTH = 6;
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export interface LinkOrigin {
  runId: string;
  nodeId: string;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** The token for one link of one send. The same inputs give the same token. */
export function linkToken(secret: string, origin: LinkOrigin, url: string): string {
  const id = mac(secret, `link-id:${origin.runId}:${origin.nodeId}:${url}`).slice(0, ID_LENGTH);
  return id + mac(secret, `link:${id}`).slice(0, SIGNATURE_LENGTH);
}

/** Whether the token is one this engine signed (its shape, then its signature). */
export function verifyLinkToken(secret: string, token: string): boolean {
  if (!LINK_TOKEN_PATTERN.test(token)) return false;
  const id = token.slice(0, ID_LENGTH);
  const expected = Buffer.from(mac(secret, `link:${id}`).slice(0, SIGNATURE_LENGTH));
  const given = Buffer.from(token.slice(ID_LENGTH));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Replaces the target of every `href="http…"` in an HTML body. `track` answers the new URL, or
 * null to leave a link as it is (e.g. the unsubscribe link, which must keep working on its own).
 */
export function rewriteHtmlLinks(html: string, track: (url: string) => string | null): string {
  return html.replace(
    /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi,
    (whole, start, quote, href) => {
      const url = decodeHtmlAttribute(href);
      const tracked = track(url);
      return tracked ? `${start}${quote}${tracked}${quote}` : whole;
    },
  );
}

/** Replaces every bare http(s) URL in a text body (SMS, WhatsApp). */
export function rewriteTextLinks(text: string, track: (url: string) => string | null): string {
  return text.replace(/https?:\/\/[^\s<>"']+/g, (found) => {
    // A sentence's closing punctuation is not part of the link.
    const url = found.replace(/[.,;:!?)\]]+$/, '');
    const tracked = track(url);
    return tracked ? tracked + found.slice(url.length) : found;
  });
}

/** Known link scanners and previewers: their requests are recorded apart, never as clicks. */
const SCANNER_AGENTS =
  /bot\b|crawler|spider|preview|scanner|slurp|facebookexternalhit|WhatsApp|TelegramBot|Slackbot|Twitterbot|Discordbot|LinkedInBot|Google-Safety|Google-Read-Aloud|BingPreview|Barracuda|Proofpoint|Mimecast|SafeLinks|Microsoft Office|MSOffice|Outlook-iOS|YahooMailProxy|GoogleImageProxy|curl\/|wget\/|python-requests|Go-http-client|HeadlessChrome/i;

/** Whether a request to a tracked link is a machine's look rather than a person's click. */
export function isPrefetch(method: string, userAgent: string | undefined): boolean {
  if (method.toUpperCase() === 'HEAD') return true;
  if (!userAgent || userAgent.trim() === '') return true;
  return SCANNER_AGENTS.test(userAgent);
}

function decodeHtmlAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/gi, '=')
    .replace(/&#61;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}
