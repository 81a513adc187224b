/**
 * What the preview says under an SMS or WhatsApp bubble: characters, segments and encoding as the
 * API counted them, and, for SMS, which characters made it UCS-2 (Turkish ş, ğ, ı and İ are not in
 * GSM-7, so one of them shrinks every segment from 160 to 70 characters).
 */
import type { RenderedText } from '../api-types';

/** GSM 03.38's default alphabet and its extension table (each extension character takes two). */
const GSM_7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà' +
    '^{}\\[~]|€\f',
);

/** The distinct characters of `text` that GSM-7 cannot carry, in the order they first appear. */
export function charactersOutsideGsm7(text: string): string[] {
  const outside: string[] = [];
  for (const character of text) {
    if (!GSM_7.has(character) && !outside.includes(character)) outside.push(character);
  }
  return outside;
}

export interface CounterDisplay {
  /** e.g. "148 characters · 1 segment · GSM-7". */
  summary: string;
  /** A note worth reading (more than one segment, UCS-2 and why), or null. */
  note: string | null;
  /** Worth a warning colour: the message costs more than one SMS. */
  warn: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function counterDisplay(rendered: RenderedText): CounterDisplay {
  const parts = [plural(rendered.characters, 'character', 'characters')];
  if (rendered.segments !== null) parts.push(plural(rendered.segments, 'segment', 'segments'));
  if (rendered.encoding !== null) parts.push(rendered.encoding);
  const notes: string[] = [];
  if (rendered.encoding === 'UCS-2') {
    const outside = charactersOutsideGsm7(rendered.text);
    notes.push(
      `UCS-2: 70 characters a segment (67 when split)${
        outside.length > 0 ? ` because of ${outside.map((c) => `“${c}”`).join(', ')}` : ''
      }.`,
    );
  }
  const segments = rendered.segments ?? 0;
  if (segments > 1) notes.push(`Sent as ${segments} SMS, each charged.`);
  return { summary: parts.join(' · '), note: notes.length > 0 ? notes.join(' ') : null, warn: segments > 1 };
}
