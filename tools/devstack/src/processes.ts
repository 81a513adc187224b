/**
 * Long-running child processes (the API, the worker, the editor, the Temporal dev server): spawned
 * with their output prefixed by name, watched for exit, and stopped politely (SIGTERM) then firmly
 * (SIGKILL). Each runs in its own process group so that a Ctrl-C in the terminal reaches only the
 * devstack, which then stops them once and in order, instead of every process at the same instant.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { LineSplitter, prefixedLog, RecentLines } from './output-prefix';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. the command does not exist). */
  error?: Error;
}

export function describeExit(status: ExitStatus): string {
  if (status.error) return `could not be started: ${status.error.message}`;
  if (status.signal) return `was killed by ${status.signal}`;
  return `exited with code ${status.code ?? 'unknown'}`;
}

export interface ServiceOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where output lines go; defaults to stdout behind `[name]`. */
  log?: (line: string) => void;
  /** Run as another user (e.g. PostgreSQL, which refuses to run as root). */
  uid?: number;
  gid?: number;
  /** The polite stop signal; SIGTERM unless the program means something else by it. */
  stopSignal?: NodeJS.Signals;
  /** Sent if the devstack exits while this still runs; SIGKILL unless a clean stop can finish alone. */
  exitSignal?: NodeJS.Signals;
}

/** Children still running, so a crash of the devstack itself does not leave them behind. */
const running = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Runs on process.exit and uncaught exceptions; only synchronous work is possible here.
  process.on('exit', () => {
    for (const [child, signal] of running) signalGroup(child, signal);
  });
}

/** Signals the child's whole process group, so helpers it spawned stop with it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

export class ManagedProcess {
  readonly exited: Promise<ExitStatus>;
  private status: ExitStatus | undefined;
  private stopRequested = false;
  private muted = false;
  private readonly recent = new RecentLines();

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    log: (line: string) => void,
    private readonly stopSignal: NodeJS.Signals = 'SIGTERM',
    exitSignal: NodeJS.Signals = 'SIGKILL',
  ) {
    running.set(child, exitSignal);
    const onLine = (line: string): void => {
      this.recent.add(line);
      if (!this.muted) log(line);
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      const lines = new LineSplitter(onLine);
      stream.on('data', (chunk: Buffer) => lines.push(chunk));
      stream.on('end', () => lines.flush());
    }
    this.exited = new Promise((resolve) => {
      const finish = (status: ExitStatus): void => {
        if (this.status) return;
        this.status = status;
        running.delete(child);
        resolve(status);
      };
      child.once('exit', (code, signal) => finish({ code, signal }));
      child.once('error', (error) => finish({ code: null, signal: null, error }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.status !== undefined;
  }

  /** True once stop() was called: an exit after that is expected, not a crash. */
  get isStopping(): boolean {
    return this.stopRequested;
  }

  /** The last lines it wrote, for error messages (kept even when they were not shown). */
  recentOutput(indent?: string): string {
    return this.recent.text(indent);
  }

  /** Hides further output (still kept for recentOutput): shutdown chatter is noise. */
  mute(): void {
    this.muted = true;
  }

  async stop(graceMs = 5_000): Promise<ExitStatus> {
    this.stopRequested = true;
    if (this.status) return this.status;
    signalGroup(this.child, this.stopSignal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (first !== 'timeout') return first;
    signalGroup(this.child, 'SIGKILL');
    return this.exited;
  }
}

/** Starts a long-running process in its own process group with prefixed output. */
export function spawnService(
  name: string,
  command: string,
  args: readonly string[],
  options: ServiceOptions = {},
): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    uid: options.uid,
    gid: options.gid,
  });
  return new ManagedProcess(
    name,
    child,
    options.log ?? prefixedLog(name),
    options.stopSignal,
    options.exitSignal,
  );
}
