/**
 * Short-lived tool commands (go install, mvn, the migrate CLI, temporal health checks): run to
 * completion, output streamed or captured. They stay in the devstack's process group, so a Ctrl-C
 * in the terminal stops them with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { LineSplitter } from './output-prefix';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each output line as it arrives (the output is captured either way). */
  onLine?: (line: string) => void;
  /** Kills the command when it runs longer than this. */
  timeoutMs?: number;
}

const inFlight = new Set<ChildProcess>();

/** Resolves with the exit status; rejects only when the command could not be started. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    inFlight.add(child);
    let output = '';
    const lines = new LineSplitter((line) => options.onLine?.(line));
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      lines.push(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      inFlight.delete(child);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      inFlight.delete(child);
      lines.flush();
      resolve({ code, signal, output });
    });
  });
}

/** Stops every tool command still running, e.g. a `go install` when the user presses Ctrl-C. */
export function interruptCommands(): void {
  for (const child of inFlight) child.kill('SIGTERM');
}
