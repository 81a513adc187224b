// Human time distances for tables ("5 min ago"). Pure: the caller passes "now", so a page can
// re-render on a clock and tests need no fake timers.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * How long ago (or until) `time` is, relative to `now`: "just now", "5 min ago", "3 h ago",
 * "yesterday", "4 days ago", then a date ("12 Mar 2025") past four weeks. Returns "—" for a time
 * that cannot be read, so a bad value never breaks a table.
 */
export function formatRelativeTime(time: string | Date, now: Date): string {
  const then = typeof time === 'string' ? new Date(time) : time;
  const thenMs = then.getTime();
  if (Number.isNaN(thenMs)) return '—';

  const diff = now.getTime() - thenMs;
  const distance = Math.abs(diff);
  const ago = (text: string) => (diff >= 0 ? `${text} ago` : `in ${text}`);

  if (distance < 45_000) return 'just now';
  if (distance < HOUR) return ago(`${Math.max(1, Math.round(distance / MINUTE))} min`);
  if (distance < DAY) return ago(`${Math.round(distance / HOUR)} h`);
  const days = Math.round(distance / DAY);
  if (days === 1) return diff >= 0 ? 'yesterday' : 'tomorrow';
  if (days < 28) return ago(plural(days, 'day'));
  return dateFormat.format(then);
}
