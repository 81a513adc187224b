import { describe, expect, it } from '@jest/globals';
import { charactersOutsideGsm7, counterDisplay } from './message-counter';

describe('SMS counter display', () => {
  it('shows characters, segments and encoding of a GSM-7 text in one segment, with nothing to warn', () => {
    expect(
      counterDisplay({ text: 'Hi Ada', characters: 6, segments: 1, encoding: 'GSM-7', locale: 'en' }),
    ).toEqual({ summary: '6 characters · 1 segment · GSM-7', note: null, warn: false });
  });

  it('names the characters that made a Turkish text UCS-2, and warns when it takes several SMS', () => {
    const text = 'Merhaba Ayşe, indirim kodun ğ ı İ ş seni bekliyor. Ö ü Ç are GSM-7.';
    const display = counterDisplay({ text, characters: 120, segments: 2, encoding: 'UCS-2', locale: 'tr' });
    expect(display.summary).toBe('120 characters · 2 segments · UCS-2');
    expect(display.note).toBe(
      'UCS-2: 70 characters a segment (67 when split) because of “ş”, “ğ”, “ı”, “İ”. Sent as 2 SMS, each charged.',
    );
    expect(display.warn).toBe(true);
  });

  it('shows only the characters of a WhatsApp text (no segments, no encoding)', () => {
    expect(
      counterDisplay({ text: 'x', characters: 1, segments: null, encoding: null, locale: null }),
    ).toEqual({ summary: '1 character', note: null, warn: false });
  });

  it('knows GSM-7: its extension table and Turkish ö, ü, Ç are in it; emoji, ş, ğ, ı are not', () => {
    expect(charactersOutsideGsm7('Ö ü Ç € [x] {y}')).toEqual([]);
    expect(charactersOutsideGsm7('şğış 🎉')).toEqual(['ş', 'ğ', 'ı', '🎉']);
  });
});
