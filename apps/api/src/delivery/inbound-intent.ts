/**
 * What an inbound SMS or WhatsApp message asks of us: to stop (the carrier keywords, or plain words
 * that clearly ask to stop), to start again, or for help. Deliberately conservative: only a whole
 * message that is nothing but the request counts, so "don't stop the discounts" or "when does the
 * sale stop?" never opt anyone out. Turkish customers answer RET or İPTAL, the words the Turkish
 * templates' opt-out line uses (İYS practice; docs/product.md, Consent).
 */

export type InboundIntent = 'opt_out' | 'opt_in' | 'help';

/**
 * Twilio's and the CTIA's keywords, then the Turkish ones, matched against the whole message
 * (case-insensitive with Turkish i/ı/İ folded to I, trimmed).
 */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  'RET',
  'IPTAL',
];
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'];
export const HELP_KEYWORDS = ['HELP', 'INFO'];

/** Words people put around a request without changing it ("please", "thanks"). */
const LEADING =
  /^(please|pls|plz|hi|hello|hey|ok|okay|sorry|can you|could you|would you|will you|lutfen|lütfen|merhaba)\s+/;
const TRAILING =
  /\s+(please|pls|plz|thanks|thank you|thx|now|asap|immediately|right now|at all|anymore|any more|again|ever again|lutfen|lütfen|tesekkurler|teşekkürler)$/;

const MESSAGES =
  '(messages|message|texts|text messages|texts messages|sms|smses|whatsapps|spam|marketing|promotions)';
const CONTACT =
  '(text|texting|message|messaging|contact|contacting|sms|spam|spamming|email|emailing|whatsapp)';

/** Whole-message phrasings of "stop messaging me", after the courtesy words are peeled off. */
const STOP_PHRASES: RegExp[] = [
  new RegExp(`^(stop|quit|cease) ${CONTACT}( me| us| this number)?$`),
  new RegExp(
    `^(stop|quit) sending( me)?( these| this| your| any| all)? ${MESSAGES}( to me| to this number)?$`,
  ),
  new RegExp(`^stop( all| these| this| your| the)? ${MESSAGES}$`),
  new RegExp(`^no more ${MESSAGES}$`),
  new RegExp(`^(dont|do not|never) ${CONTACT} me$`),
  /^unsubscribe( me)?( from (this|these|your|the|all)( \w+)?( list| lists| messages| texts| number)?)?$/,
  /^(remove|take) me (off|from) (this|your|the|all|these)( \w+)? (list|lists|messages|texts|number)$/,
  /^remove me$/,
  /^(opt|opt me) out$/,
  /^(i want|i would like|id like|i wish|i need) to (unsubscribe|opt out|stop (receiving|getting) (these |your |any )?(messages|texts|sms))$/,
  // Turkish (after folding i/ı/İ to i): "RET SMS", "SMS iptal", "iptal et", "mesaj istemiyorum".
  /^(ret|iptal)( et| sms| mesaj| mesajlar)?$/,
  /^(sms|mesaj|mesajlar) (ret|iptal)$/,
  /^(sms|mesaj|mesajlar) (istemiyorum|almak istemiyorum)$/,
];

/**
 * Lower case with Turkish İ and ı read as i ("İPTAL" → "iptal"), straight apostrophes dropped
 * ("don't" → "dont"), punctuation to spaces, spaces collapsed.
 */
export function normaliseInbound(body: string): string {
  return body
    .normalize('NFC')
    .replace(/[İı]/g, 'i')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function inboundIntent(body: string): InboundIntent | null {
  const keyword = keywordOf(body);
  if (OPT_OUT_KEYWORDS.includes(keyword)) return 'opt_out';
  if (OPT_IN_KEYWORDS.includes(keyword)) return 'opt_in';
  if (HELP_KEYWORDS.includes(keyword)) return 'help';
  return asksToStop(body) ? 'opt_out' : null;
}

/** Free text that clearly asks to stop ("Please stop texting me!", "unsubscribe me", "STOP."). */
export function asksToStop(body: string): boolean {
  let text = normaliseInbound(body);
  // Peel courtesy words off both ends until nothing changes ("ok please stop now thanks").
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(LEADING, '').replace(TRAILING, '');
  }
  const spaced = keywordOf(text.replace(/\s/g, ''));
  if (OPT_OUT_KEYWORDS.includes(spaced) && text.split(' ').length <= 2) return true; // "Stop.", "opt-out", "STOP ALL"
  return STOP_PHRASES.some((phrase) => phrase.test(text));
}

/** Upper case in which Turkish i, ı and İ are all I, so "iptal", "İptal" and "IPTAL" are one keyword. */
function keywordOf(text: string): string {
  return text.normalize('NFC').trim().toUpperCase().replace(/İ/g, 'I');
}
