/**
 * A provider refused or failed a send. `permanent` errors (most 4xx) are recorded and never
 * retried; the rest (429, 5xx, network) are retried by the activity's retry policy.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly provider: string,
    readonly permanent: boolean,
    readonly status?: number,
    readonly providerCode?: string,
    /** How long the provider asked us to wait before trying again (its Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
