/**
 * Shopify's calculated-cost leaky bucket, as every Admin GraphQL answer reports it in
 * `extensions.cost`: a bucket of `maximumAvailable` points refilling at `restoreRate` points a
 * second; a query asking more than `currentlyAvailable` is refused with THROTTLED. We wait what the
 * bucket says instead of retrying blindly, and before a request we hold back when the last answer
 * showed the bucket too low for a query like the last one.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: Partial<ThrottleStatus>;
}

export class LeakyBucket {
  private observed?: { status: ThrottleStatus; at: number };
  private lastRequestedCost = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers what an answer said about the bucket (answers without `extensions.cost` change nothing). */
  observe(cost: QueryCost | undefined): void {
    const status = completeStatus(cost?.throttleStatus);
    if (!status) return;
    this.observed = { status, at: this.now() };
    if (typeof cost?.requestedQueryCost === 'number') this.lastRequestedCost = cost.requestedQueryCost;
  }

  /** Points in the bucket now, counting what has dripped back since the last answer. */
  available(): number | null {
    if (!this.observed) return null;
    const { status, at } = this.observed;
    const restored = (status.restoreRate * Math.max(0, this.now() - at)) / 1000;
    return Math.min(status.maximumAvailable, status.currentlyAvailable + restored);
  }

  /** Milliseconds to hold a request so that one costing as much as the last would not be refused. */
  delayBeforeNext(): number {
    const available = this.available();
    if (available === null || !this.observed || available >= this.lastRequestedCost) return 0;
    return Math.ceil(((this.lastRequestedCost - available) / this.observed.status.restoreRate) * 1000);
  }
}

/**
 * How long a THROTTLED query must wait before the bucket holds what it asked for:
 * (requestedQueryCost - currentlyAvailable) / restoreRate seconds, never less than `minMs`
 * (the bucket's figures are rounded) and never more than `maxMs`. Null when the answer carried
 * no usable cost (the caller then falls back to Retry-After or its own pause).
 */
export function throttledWaitMs(cost: QueryCost | undefined, minMs: number, maxMs: number): number | null {
  const status = completeStatus(cost?.throttleStatus);
  if (!status || typeof cost?.requestedQueryCost !== 'number') return null;
  const missing = cost.requestedQueryCost - status.currentlyAvailable;
  const ms = Math.ceil((Math.max(0, missing) / status.restoreRate) * 1000);
  return Math.min(maxMs, Math.max(minMs, ms));
}

function completeStatus(status: Partial<ThrottleStatus> | undefined): ThrottleStatus | null {
  if (!status) return null;
  const { maximumAvailable, currentlyAvailable, restoreRate } = status;
  if (
    typeof maximumAvailable !== 'number' ||
    typeof currentlyAvailable !== 'number' ||
    typeof restoreRate !== 'number' ||
    restoreRate <= 0
  )
    return null;
  return { maximumAvailable, currentlyAvailable, restoreRate };
}
