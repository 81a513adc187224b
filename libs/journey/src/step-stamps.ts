/**
 * When a batching run's step was entered, to the microsecond (docs/architecture.md, "The step
 * ledger"): steps taken without the workflow clock moving between them share a millisecond, and
 * the timeline orders steps by when they were entered, so each is stamped a microsecond after the
 * one before it. A thousand steps in one millisecond roll into the next one instead of wrapping.
 */
export interface EnteredStamp {
  /** Microseconds since the epoch (exact in a double until the year 2255). */
  micros: number;
  /** `enteredAt` itself when nothing came before it in its millisecond, else ISO 8601 with six decimals. */
  stamp: string;
}

/** The stamp of a step entered at `enteredAt` (ISO 8601), after one stamped `previousMicros`. */
export function enteredStampAfter(previousMicros: number | null, enteredAt: string): EnteredStamp {
  const at = Date.parse(enteredAt) * 1000;
  if (previousMicros === null || previousMicros < at) return { micros: at, stamp: enteredAt };
  const micros = previousMicros + 1;
  const millis = new Date(Math.floor(micros / 1000)).toISOString().slice(0, -1);
  return { micros, stamp: `${millis}${String(micros % 1000).padStart(3, '0')}Z` };
}
