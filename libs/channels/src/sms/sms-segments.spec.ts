import { smsSegments } from './sms-segments';

const EMOJI = '😀'; // one code point, two UTF-16 code units

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits the 161st into 153-septet parts', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
  });

  it('counts the GSM basic alphabet beyond ASCII (£, é, Ø, Δ, ¿) as one septet each', () => {
    expect(smsSegments('£éØΔ¿'.repeat(32))).toBe(1);
    expect(smsSegments('£éØΔ¿'.repeat(32) + 'a')).toBe(2);
  });

  it('counts extension-table characters (€ ^ { } \\ [ ~ ] |) as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(80) + 'a')).toBe(2);
    expect(smsSegments('^{}\\[~]|'.repeat(10))).toBe(1);
    expect(smsSegments('^{}\\[~]|'.repeat(10) + 'a')).toBe(2);
    expect(smsSegments('a'.repeat(159) + '|')).toBe(2);
  });

  it('never splits an escaped character across two parts', () => {
    // 152 + 2 + 152 = 306 septets would fit two parts of 153, but the € cannot be cut in half.
    expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toBe(3);
  });

  it('switches the whole body to UCS-2 for one non-GSM character: 70 single, 67 per part', () => {
    expect(smsSegments('ł'.repeat(70))).toBe(1);
    expect(smsSegments('ł'.repeat(71))).toBe(2);
    expect(smsSegments('ł' + 'a'.repeat(69))).toBe(1);
    expect(smsSegments('ł' + 'a'.repeat(70))).toBe(2);
    expect(smsSegments('ł'.repeat(134))).toBe(2);
    expect(smsSegments('ł'.repeat(135))).toBe(3);
  });

  it('counts an emoji as two UTF-16 code units', () => {
    expect(smsSegments(EMOJI.repeat(35))).toBe(1);
    expect(smsSegments('a'.repeat(69) + EMOJI)).toBe(2);
    expect(smsSegments('a'.repeat(68) + EMOJI)).toBe(1);
  });

  it('never splits an emoji across two parts', () => {
    // 66 + 2 + 66 = 134 code units would fit two parts of 67, but the surrogate pair stays whole.
    expect(smsSegments('ł'.repeat(66) + EMOJI + 'ł'.repeat(66))).toBe(3);
  });

  it('keeps a multi-code-point grapheme (a flag: two regional indicators) in one part', () => {
    // 65 + 4 + 65 = 134 code units; cut between the indicators it would fit two parts.
    expect(smsSegments('ł'.repeat(65) + '🇫🇷' + 'ł'.repeat(65))).toBe(3);
  });

  it('needs no segment for an empty body', () => {
    expect(smsSegments('')).toBe(0);
  });
});
