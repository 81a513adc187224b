/**
 * Wall-clock time in a customer's time zone: the next "09:00 on a weekday", and whether a moment
 * falls inside quiet hours (and when they end). Pure functions over Intl's time-zone data; the
 * caller passes "now", so they are deterministic and testable.
 */
export interface TimeWindow {
  start: string;
  end: string;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday as string],
  };
}

/** The UTC instant of a local wall-clock time (a time skipped by a DST jump lands just after it). */
export function fromLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return new Date(guess);
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The first moment strictly after `now` when the local clock shows `timeOfDay` on an allowed weekday. */
export function nextLocalTime(now: Date, timeZone: string, timeOfDay: string, weekdays?: number[]): Date {
  const today = localParts(now, timeZone);
  const [hour, minute] = timeOfDay.split(':').map(Number);
  for (let offset = 0; offset <= 8; offset++) {
    // Noon UTC of the local date + offset days: a safe anchor for calendar arithmetic.
    const anchor = new Date(Date.UTC(today.year, today.month - 1, today.day + offset, 12));
    const weekday = anchor.getUTCDay();
    if (weekdays && weekdays.length > 0 && !weekdays.includes(weekday)) continue;
    const candidate = fromLocal(
      anchor.getUTCFullYear(),
      anchor.getUTCMonth() + 1,
      anchor.getUTCDate(),
      hour,
      minute,
      timeZone,
    );
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error(`no allowed weekday in ${JSON.stringify(weekdays)}`);
}

/** When `now` is inside the window (which may wrap midnight, e.g. 21:00–08:00), the moment it ends; else null. */
export function quietHoursEnd(now: Date, timeZone: string, window: TimeWindow): Date | null {
  const local = localParts(now, timeZone);
  const m = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return null;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  return inside ? nextLocalTime(now, timeZone, window.end) : null;
}
