// Typed calls to the Waypoint API. Same-origin paths only: in dev and preview Vite proxies them to
// the API, in production the API serves (or sits beside) the built editor.
import { ApiError, apiErrorFromFailure, apiErrorFromResponse } from './api-error';
import type {
  DataEnvelope,
  HealthResponse,
  JourneySummary,
  OutboxItem,
  OutboxMessageDetail,
} from './api-types';

async function send(path: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw apiErrorFromFailure(cause);
  }
}

async function getData<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, signal);
  const text = await response.text();
  if (!response.ok) throw apiErrorFromResponse(response.status, text);
  try {
    return (JSON.parse(text) as DataEnvelope<T>).data;
  } catch {
    throw new ApiError(`The API answered ${path} with something that is not JSON.`, response.status);
  }
}

function isHealthResponse(value: unknown): value is HealthResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    (value.status === 'ok' || value.status === 'degraded')
  );
}

/** `GET /health`. A degraded API answers with an error status but still a health body; keep it. */
export async function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  const response = await send('/health', signal);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isHealthResponse(body)) return body;
  throw apiErrorFromResponse(response.status, text);
}

export function listJourneys(signal?: AbortSignal): Promise<JourneySummary[]> {
  return getData<JourneySummary[]>('/v1/journeys', signal);
}

export function listOutbox(limit: number, signal?: AbortSignal): Promise<OutboxItem[]> {
  return getData<OutboxItem[]>(`/v1/outbox?limit=${encodeURIComponent(String(limit))}`, signal);
}

export function getOutboxMessage(id: string, signal?: AbortSignal): Promise<OutboxMessageDetail> {
  return getData<OutboxMessageDetail>(`/v1/outbox/${encodeURIComponent(id)}`, signal);
}
