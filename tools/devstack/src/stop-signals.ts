/**
 * Ctrl-C and friends. The first SIGINT, SIGTERM or SIGHUP asks for an orderly stop; a second one
 * while that is under way exits at once (the process-exit hooks still kill what we started).
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
