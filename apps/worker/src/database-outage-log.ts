/**
 * For the worker's loops (consent write-back, results rollup): PostgreSQL being down is logged once
 * when a tick first meets it and once when a tick succeeds again, not as an error every tick;
 * any other failure is logged each time, as before.
 */
import { isDatabaseUnavailable } from '@waypoint/data';

export class DatabaseOutageLog {
  private down: { since: number; ticks: number } | null = null;

  constructor(
    private readonly logger: { error(message: string): void; log(message: string): void },
    /** What waits, e.g. "consent write-back". */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A tick failed. */
  failed(error: unknown): void {
    const message = error instanceof Error ? error.message || error.name : String(error);
    if (!isDatabaseUnavailable(error)) {
      this.logger.error(`${this.what}: ${message}`);
      return;
    }
    if (this.down) {
      this.down.ticks += 1;
      return;
    }
    this.down = { since: this.now(), ticks: 1 };
    this.logger.error(`${this.what}: PostgreSQL is unavailable (${message}); waiting until it is back`);
  }

  /** A tick succeeded. */
  succeeded(): void {
    if (!this.down) return;
    const seconds = Math.round((this.now() - this.down.since) / 1000);
    this.logger.log(
      `${this.what}: PostgreSQL is back after ${seconds} s (${this.down.ticks} tick(s) waited)`,
    );
    this.down = null;
  }
}
