/**
 * How many SMS segments (billed parts) a body costs, counted the way carriers and Twilio count.
 *
 * A body written entirely in the GSM 03.38 alphabet travels as GSM-7: 160 septets in a single
 * message, 153 per part once it is split (the concatenation header takes the rest). Characters of
 * the extension table are sent as ESC + char, so they cost two septets. Any other character
 * switches the whole body to UCS-2: 70 UTF-16 code units single, 67 per part.
 *
 * Parts are filled greedily without cutting a character in two: an escaped GSM character or a
 * surrogate pair (most emoji) never straddles two parts, and Twilio keeps a whole grapheme (an
 * emoji with skin tone, a flag) in one part. So near a boundary a message can need one more part
 * than `ceil(length / perPart)` says.
 */

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Reached through the ESC septet, so each costs two. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const GSM7 = { single: 160, perPart: 153 };
const UCS2 = { single: 70, perPart: 67 };

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Segments needed to send `body` as one SMS; an empty body needs none. */
export function smsSegments(body: string): number {
  const gsm7 = gsm7Septets(body);
  if (gsm7) return packedParts(gsm7, GSM7);
  const ucs2 = Array.from(graphemes.segment(body), (g) => g.segment.length);
  return packedParts(ucs2, UCS2);
}

/** The septets each character costs, or null when the body is not pure GSM-7. */
function gsm7Septets(body: string): number[] | null {
  const sizes: number[] = [];
  for (const char of body) {
    if (GSM7_BASIC.has(char)) sizes.push(1);
    else if (GSM7_EXTENSION.has(char)) sizes.push(2);
    else return null;
  }
  return sizes;
}

/** Units that cannot be divided, packed into as few parts as the encoding's limits allow. */
function packedParts(units: number[], limits: { single: number; perPart: number }): number {
  const total = units.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  if (total <= limits.single) return 1;
  let parts = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > limits.perPart && used > 0) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** GSM-7 when every character is in the GSM 03.38 alphabet (or its extension), else UCS-2. */
export function smsEncoding(body: string): 'GSM-7' | 'UCS-2' {
  return gsm7Septets(body) ? 'GSM-7' : 'UCS-2';
}
