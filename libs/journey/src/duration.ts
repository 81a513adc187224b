/**
 * Durations as marketers write them on the canvas ("30m", "1h", "3d", "2w"), parsed to
 * milliseconds. Pure and deterministic so the workflow sandbox can use it.
 */
const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

const DURATION_PATTERN = /^(\d+)\s*(s|m|h|d|w)$/;

/** The longest wait a journey may express: ten years. Longer is almost certainly a typo. */
export const MAX_DURATION_MS = 10 * 365 * UNIT_MS.d;

export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) {
    throw new Error(
      `"${text}" is not a duration: use a whole number and a unit s, m, h, d or w, e.g. "30m" or "3d"`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms <= 0) throw new Error(`"${text}" must be longer than zero`);
  if (ms > MAX_DURATION_MS) throw new Error(`"${text}" is longer than ten years`);
  return ms;
}

export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

/** "1h" -> "1 hour", "3d" -> "3 days": for step reasons and node summaries. */
export function describeDuration(text: string): string {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return text;
  const n = Number(match[1]);
  const word = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' }[match[2] as keyof typeof UNIT_MS];
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "-3d" -> minus three days, "+2h" or "2h" -> two hours: offsets from a date attribute. */
export function parseOffset(text: string): number {
  const match = /^([+-]?)\s*(\d+\s*[smhdw])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an offset: use a signed duration like "-3d" or "+2h"`);
  const ms = Number(/^\d+/.exec(match[2])?.[0]) === 0 ? 0 : parseDuration(match[2]);
  return match[1] === '-' ? -ms : ms;
}
