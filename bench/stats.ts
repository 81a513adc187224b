/** Percentiles, rates and the number formats of the report. */

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the values (NaN-free); zeros when there are none. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Events per second over the span of their timestamps (ms): (n - 1) intervals over first..last. */
export function ratePerSecond(timestamps: readonly number[]): number {
  if (timestamps.length < 2) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const t of timestamps) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last > first ? ((timestamps.length - 1) * 1000) / (last - first) : 0;
}

export function spanSeconds(timestamps: readonly number[]): number {
  if (timestamps.length === 0) return 0;
  return (Math.max(...timestamps) - Math.min(...timestamps)) / 1000;
}

export const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
export const seconds = (valueMs: number): string => `${(valueMs / 1000).toFixed(1)} s`;
/** Long durations in minutes ("38 min"), short ones in seconds. */
export const duration = (valueMs: number): string =>
  valueMs >= 120_000 ? `${Math.round(valueMs / 60_000)} min` : seconds(valueMs);
export const perSecond = (value: number): string => `${value.toFixed(1)}/s`;
export const mib = (bytes: number): string =>
  `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MiB`;
export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const cores = (value: number): string => value.toFixed(2);
export const percent = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
