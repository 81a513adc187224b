/**
 * The application processes of one `npm start` (API, worker, editor), kept up. One that stops
 * without being asked to is started again: a non-zero exit, a signal the supervisor did not send
 * (the OOM killer's SIGKILL), and also a clean exit (code 0), since these servers never end on
 * their own and exit 0 when someone else sends them SIGTERM. The delay doubles from 1 s up to 30 s
 * and falls back to 1 s once a start has stayed up a minute: a bug that kills the API at boot
 * costs a log line every 30 s instead of a busy loop, and a crash after hours of work comes back
 * at once. Every crash and restart is logged with the exit code or signal. Stopping cancels a
 * pending restart and stops what runs, so Ctrl-C stays as prompt as without supervision.
 */
import {
  type ExitStatus,
  type ManagedProcess,
  type ServiceOptions,
  describeExit,
  spawnService,
} from './processes';
import { prefixedLog } from './output-prefix';

export interface RestartPolicy {
  /** The delay before restarting after the first crash in a row. */
  firstDelayMs: number;
  /** The delay doubles with each crash in a row up to this. */
  maxDelayMs: number;
  /** A start that stayed up this long counts as healthy: its crash is the first in a row again. */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
};

/** One crash, as logged; also handed to `onCrash` for tools and tests. */
export interface Crash {
  name: string;
  pid: number | undefined;
  status: ExitStatus;
  /** How long that start stayed up. */
  upMs: number;
  /** Crashes in a row, this one included. */
  inARow: number;
  /** How long the supervisor waits before starting it again. */
  delayMs: number;
}

export interface SupervisorOptions {
  policy?: Partial<RestartPolicy>;
  /** Where crash and restart lines go; defaults to stdout behind `[devstack]`. */
  log?: (line: string) => void;
  onCrash?: (crash: Crash) => void;
  onRestart?: (name: string, process: ManagedProcess) => void;
}

export interface SupervisedServiceOptions extends ServiceOptions {
  /** How log lines name it ("the API"); defaults to its name. */
  title?: string;
}

/** The delay before the restart that follows the n-th crash in a row (n ≥ 1). */
export function restartDelay(policy: RestartPolicy, inARow: number): number {
  return Math.min(policy.firstDelayMs * 2 ** (inARow - 1), policy.maxDelayMs);
}

/** A process that is started again whenever it crashes, until it is stopped. */
export class SupervisedService {
  /** Resolves once it has been stopped and its last process has exited. */
  readonly ended: Promise<ExitStatus>;
  private current: ManagedProcess;
  private startedAt = Date.now();
  private stopRequested = false;
  private cancelWait: (() => void) | undefined;
  private restartCount = 0;

  constructor(
    readonly name: string,
    private readonly start: () => ManagedProcess,
    private readonly title: string,
    private readonly policy: RestartPolicy,
    private readonly options: SupervisorOptions,
    private readonly log: (line: string) => void,
  ) {
    this.current = start();
    this.ended = this.supervise();
  }

  get pid(): number | undefined {
    return this.current.pid;
  }

  /** The process running now (or the last one, while waiting to restart). */
  get process(): ManagedProcess {
    return this.current;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /** Stops it for good: no restart after this, whether it runs now or waits to be restarted. */
  async stop(graceMs?: number): Promise<ExitStatus> {
    this.stopRequested = true;
    this.cancelWait?.();
    await this.current.stop(graceMs);
    return this.ended;
  }

  private async supervise(): Promise<ExitStatus> {
    let inARow = 0;
    for (;;) {
      const status = await this.current.exited;
      if (this.stopRequested) return status;

      const upMs = Date.now() - this.startedAt;
      inARow = upMs >= this.policy.resetAfterMs ? 1 : inARow + 1;
      const delayMs = restartDelay(this.policy, inARow);
      const pid = this.current.pid;
      this.log(
        `${capitalise(this.title)} (pid ${pid ?? '?'}) ${describeExit(status)}${status.code === 0 ? ' without being asked to' : ''} after ${formatDuration(upMs)}: ` +
          `restarting it in ${formatDuration(delayMs)} (crash ${inARow} in a row).`,
      );
      this.options.onCrash?.({ name: this.name, pid, status, upMs, inARow, delayMs });

      await this.wait(delayMs);
      if (this.stopRequested) return status;
      this.current = this.start();
      this.startedAt = Date.now();
      this.restartCount += 1;
      this.log(`Restarted ${this.title} (pid ${this.current.pid ?? '?'}).`);
      this.options.onRestart?.(this.name, this.current);
    }
  }

  /** Waits, or less when stop() is called meanwhile. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.cancelWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cancelWait = done;
    });
  }
}

/** The application processes of one start: spawned together, kept up, stopped together. */
export class Supervisor {
  private readonly services: SupervisedService[] = [];
  private readonly policy: RestartPolicy;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SupervisorOptions = {}) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.log = options.log ?? prefixedLog('devstack');
  }

  spawn(
    name: string,
    command: string,
    args: readonly string[],
    options: SupervisedServiceOptions = {},
  ): SupervisedService {
    const { title = name, ...serviceOptions } = options;
    const start = (): ManagedProcess => spawnService(name, command, args, serviceOptions);
    const service = new SupervisedService(name, start, title, this.policy, this.options, this.log);
    this.services.push(service);
    return service;
  }

  /** The stop signal to all at once, SIGKILL to whichever is still running after the grace period. */
  async stopAll(graceMs = 5_000): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop(graceMs)));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "350ms", "4s", "2m 5s", "3h 12m": for log lines, not for measurements. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
