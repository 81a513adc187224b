/**
 * A URL made safe for a Location header, as Express's redirects did (the `encodeurl` rules):
 * characters a URL may not hold are percent-encoded, escapes already there are kept, and lone
 * surrogates become U+FFFD. A link with a space or a non-ASCII letter still redirects.
 */
const ENCODE_CHARS = /(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]+|%+(?![0-9A-Fa-f]{2})){1,1024}/g;
const SURROGATES = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g;

export function encodeUrl(url: string): string {
  return url
    .replace(SURROGATES, (_match, pair: string | undefined) => pair ?? '\uFFFD')
    .replace(ENCODE_CHARS, encodeURI);
}
