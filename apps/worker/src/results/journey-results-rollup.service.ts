/**
 * Advances the journey results rollup (libs/data `advanceJourneyResults`) every
 * RESULTS_ROLLUP_INTERVAL_MS, beside the Temporal worker: one set-based statement over the facts
 * since a few days before the watermark, so the engine's hot path writes nothing extra (no
 * triggers, no counters per step). Several replicas may run it: an advisory lock lets one at a
 * time count, the others skip that tick. docs/architecture.md, "Journey results", says why.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { advanceJourneyResults, Database, type RollupOutcome } from '@waypoint/data';
import { DatabaseOutageLog } from '../database-outage-log';

@Injectable()
export class JourneyResultsRollup {
  private readonly logger = new Logger(JourneyResultsRollup.name);
  private readonly outage = new DatabaseOutageLog(this.logger, 'journey results rollup');
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Starts the loop (the worker's main); an interval of 0 leaves it off. */
  start(): void {
    if (this.running || this.env.RESULTS_ROLLUP_INTERVAL_MS === 0) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.tick;
  }

  /** One advance, in the store's time zone (a changed zone rebuilds the rollup). */
  async advance(): Promise<RollupOutcome> {
    const { timeZone } = await this.profiles.current();
    return advanceJourneyResults(this.db, { timeZone });
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick = this.advance()
        .then(() => this.outage.succeeded())
        .catch((error: unknown) => {
          // Nothing is lost: the next tick counts from the same watermark.
          this.outage.failed(error);
        })
        .finally(() => this.schedule(this.env.RESULTS_ROLLUP_INTERVAL_MS));
    }, delayMs);
  }
}
