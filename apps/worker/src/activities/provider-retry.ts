/**
 * How a failed provider call ends the activity attempt: a transient answer is rethrown for
 * Temporal to retry, honouring the provider's Retry-After when it gave one (instead of our
 * backoff); the caller records everything else as a failed send.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { ProviderError } from '@waypoint/channels';

export function isTransient(error: unknown): error is ProviderError {
  return error instanceof ProviderError && !error.permanent;
}

export function retryFailure(error: ProviderError): ApplicationFailure {
  return ApplicationFailure.create({
    message: error.message,
    type: 'ProviderUnavailable',
    nextRetryDelay: error.retryAfterMs ? `${Math.min(error.retryAfterMs, 15 * 60_000)} ms` : undefined,
    details: [{ provider: error.provider, status: error.status ?? null, code: error.providerCode ?? null }],
  });
}
