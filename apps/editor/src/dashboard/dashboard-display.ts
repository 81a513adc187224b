// How the dashboard's figures read: rates as percentages (a dash when there is nothing to divide
// by) and the chart's days as short dates.

/** `0.125` → `12.5 %`; null (nothing sent, no revenue) → `—`. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

/** `2026-12-06` → `6 Dec` (read as a calendar day, never shifted by the browser's time zone). */
export function shortDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}
