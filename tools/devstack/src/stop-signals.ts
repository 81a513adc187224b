/**
 * How the commands end. The first SIGINT, SIGTERM or SIGHUP (Ctrl-C, CI cancelling, a closed
 * terminal) asks for an orderly stop; a second one while that is under way exits at once (the
 * process-exit hooks still kill what we started). A finished command exits once its output is out.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const EXIT_CODES: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** The exit code a process killed by this signal conventionally reports. */
export function signalExitCode(signal: StopSignal): number {
  return EXIT_CODES[signal];
}

/** Calls onStop on the first signal; returns a function that removes the handlers. */
export function onStopSignal(onStop: (signal: StopSignal) => void): () => void {
  let received: StopSignal | undefined;
  const handler = (signal: StopSignal): void => {
    if (received) {
      console.error(`\nReceived ${signal} again: exiting without finishing the cleanup.`);
      process.exit(signalExitCode(signal));
    }
    received = signal;
    onStop(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}

/**
 * Ends a command with this code once its output is written: a bare process.exit() can cut off
 * the last lines on a pipe (macOS), while waiting forever for a stray handle would hang CI.
 */
export function exitWhenDone(code: number, graceMs = 2_000): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), graceMs).unref();
}
