// Turns whatever the API (or the dev proxy in front of it) answered into one error the pages can
// show: the API's own `{error: {code, message}}` when there is one, a plain HTTP status otherwise.

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** HTTP status, or 0 when no answer arrived at all. */
    readonly status: number,
    /** The API's error code (e.g. `journey_not_found`), when it sent one. */
    readonly code?: string,
    /** The API's `details` (e.g. the problems a publish found), as sent. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the error for a non-2xx answer from its status and raw body text. */
export function apiErrorFromResponse(status: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    if (typeof message === 'string' && message.trim() !== '') {
      return new ApiError(message, status, typeof code === 'string' ? code : undefined, details);
    }
  }
  // The dev/preview proxy answers 502/504 (or 500 with an empty body) when the API is not running.
  if (status === 502 || status === 503 || status === 504 || (status === 500 && bodyText.trim() === '')) {
    return new ApiError(`The API is not answering (HTTP ${status}). Is it running?`, status);
  }
  return new ApiError(`The request failed with HTTP ${status}.`, status);
}

/** Builds the error for a request that never got an answer (network down, CORS, abort). */
export function apiErrorFromFailure(cause: unknown): ApiError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new ApiError(`Could not reach the API${detail}.`, 0);
}
