/**
 * The one error type of the devstack: a failure whose message is written for the person at the
 * keyboard (what went wrong and what to do), so the commands print it without a stack trace.
 */
export class DevstackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevstackError';
  }
}

/** What to print for a failure: the message alone for ours, the stack for anything unexpected. */
export function describeFailure(error: unknown): string {
  if (error instanceof DevstackError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
