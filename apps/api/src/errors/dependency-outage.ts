/**
 * A dependency being down is not a bug: requests that need PostgreSQL or Temporal while it is away
 * answer 503 with Retry-After and a code naming which one, and the outage is logged once (when the
 * first request, routing pass or /health probe meets it, and again when a probe finds it back), not
 * a stack trace per request or a warning per routing pass. One instance per process
 * (dependency-outages.module.ts), shared by the exception filter, the router and /health.
 */
import type { Logger } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import { isDatabaseUnavailable } from '@waypoint/data';

export type Dependency = 'database' | 'temporal';

/** What a client is told to wait before trying again (seconds). */
export const RETRY_AFTER_SECONDS = 5;

const NAMES: Record<Dependency, string> = { database: 'PostgreSQL', temporal: 'Temporal' };

/** gRPC status codes (grpc.status) that mean the server did not answer. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * Whether the Temporal client could not reach the server: a gRPC UNAVAILABLE or DEADLINE_EXCEEDED
 * (raw, or as the cause of the client's ServiceError), or grpc-js's "Failed to connect before the
 * deadline" from a lazy connection's first call.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let depth = 0; depth < 5 && error instanceof Error; depth++) {
    if (
      isGrpcServiceError(error) &&
      (error.code === GRPC_UNAVAILABLE || error.code === GRPC_DEADLINE_EXCEEDED)
    )
      return true;
    if (error.message === 'Failed to connect before the deadline') return true;
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}

/** Which dependency the error says is down, or null for any other error. */
export function unavailableDependency(error: unknown): Dependency | null {
  if (isTemporalUnavailable(error)) return 'temporal';
  if (isDatabaseUnavailable(error)) return 'database';
  return null;
}

/** The 503 answer for a dependency that is down. */
export function unavailableBody(dependency: Dependency): {
  error: { code: string; message: string; details: { retryAfterSeconds: number } };
} {
  return {
    error: {
      code: `${dependency}_unavailable`,
      message: `${NAMES[dependency]} is not answering; try again in a few seconds`,
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    },
  };
}

interface Outage {
  since: number;
  lastRefused: number;
  /** Requests answered 503. */
  refused: number;
  /** Background work (routing, /health) that met the outage and will try again by itself. */
  deferred: number;
  probe?: ReturnType<typeof setInterval>;
}

/** Who met the outage: a request (answered 503) or background work that retries by itself. */
export type MetBy = 'request' | 'background';

/**
 * Logs each outage once: the first refused request says the dependency is down, then a probe
 * every `probeIntervalMs` asks it until it answers and logs that it is back (with how long and how
 * many requests were refused). Without a probe, the outage ends after `quietMs` with no refusals.
 */
export class DependencyOutages {
  private readonly outages = new Map<Dependency, Outage>();

  constructor(
    private readonly logger: Pick<Logger, 'error' | 'log'>,
    private readonly probes: Partial<Record<Dependency, () => Promise<unknown>>>,
    private readonly options: { probeIntervalMs: number; quietMs: number; now?: () => number } = {
      probeIntervalMs: 2_000,
      quietMs: 30_000,
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * A request (answered 503) or background work (routing, a /health probe: it tries again by
   * itself) met `dependency` down. The first of an outage logs it; the others only count.
   */
  refused(dependency: Dependency, error: unknown, metBy: MetBy = 'request'): void {
    const count = (outage: Outage) => {
      if (metBy === 'request') outage.refused += 1;
      else outage.deferred += 1;
      outage.lastRefused = this.now();
    };
    const current = this.outages.get(dependency);
    if (current && (current.probe || this.now() - current.lastRefused < this.options.quietMs)) {
      count(current);
      return;
    }
    const outage: Outage = { since: this.now(), lastRefused: this.now(), refused: 0, deferred: 0 };
    count(outage);
    this.outages.set(dependency, outage);
    const reason = error instanceof Error ? error.message || error.name : String(error);
    this.logger.error(`${NAMES[dependency]} is unavailable (${reason}); answering 503 until it is back`);
    const probe = this.probes[dependency];
    if (!probe) return;
    let asking = false;
    outage.probe = setInterval(() => {
      if (asking) return;
      asking = true;
      probe()
        .then(
          () => this.recovered(dependency),
          () => undefined,
        )
        .finally(() => (asking = false));
    }, this.options.probeIntervalMs);
    outage.probe.unref();
  }

  /** Whether an outage of `dependency` is open (for tests and /health). */
  isDown(dependency: Dependency): boolean {
    return this.outages.has(dependency);
  }

  /** The dependency answered again: log it and close the outage. */
  recovered(dependency: Dependency): void {
    const outage = this.outages.get(dependency);
    if (!outage) return;
    if (outage.probe) clearInterval(outage.probe);
    this.outages.delete(dependency);
    const seconds = Math.round((this.now() - outage.since) / 1000);
    const deferred = outage.deferred > 0 ? `, ${outage.deferred} background attempt(s) waited` : '';
    this.logger.log(
      `${NAMES[dependency]} is back after ${seconds} s; ${outage.refused} request(s) were answered 503${deferred}`,
    );
  }

  /** Stops the probes (shutdown). */
  close(): void {
    for (const outage of this.outages.values()) if (outage.probe) clearInterval(outage.probe);
    this.outages.clear();
  }
}
