// Typed calls to the Waypoint API. Same-origin paths only: in dev and preview Vite proxies them to
// the API, in production the API serves (or sits beside) the built editor.
import { ApiError, apiErrorFromFailure, apiErrorFromResponse } from './api-error';
import { notifySignedOut } from './session/session-events';
import {
  SIGNED_OUT_CODES,
  type DataEnvelope,
  type HealthResponse,
  type JourneyDetail,
  type JourneyExperiments,
  type JourneyStats,
  type JourneySummary,
  type JourneyVersion,
  type LifecycleAction,
  type LifecycleResult,
  type NewJourneyRequest,
  type OutboxItem,
  type OutboxMessageDetail,
  type PublishImpact,
  type PublishResult,
  type SaveDraftRequest,
  type TemplateList,
} from './api-types';

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    // X-Requested-With: the API refuses cookie-signed changes without it (a cross-site form cannot send it).
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', 'X-Requested-With': 'waypoint-editor', ...init.headers },
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw apiErrorFromFailure(cause);
  }
  if (response.status === 401 && path !== '/v1/auth/login') {
    const code = apiErrorFromResponse(401, await response.clone().text()).code;
    if (code && SIGNED_OUT_CODES.has(code)) notifySignedOut(code);
  }
  return response;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await send(path, {
    method,
    signal,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw apiErrorFromResponse(response.status, text);
  try {
    return (JSON.parse(text) as DataEnvelope<T>).data;
  } catch {
    throw new ApiError(`The API answered ${path} with something that is not JSON.`, response.status);
  }
}

export function getData<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
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
  const response = await send('/health', { signal });
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

const journeyPath = (id: string) => `/v1/journeys/${encodeURIComponent(id)}`;

export function listJourneys(signal?: AbortSignal): Promise<JourneySummary[]> {
  return getData<JourneySummary[]>('/v1/journeys', signal);
}

export function getJourney(id: string, signal?: AbortSignal): Promise<JourneyDetail> {
  return getData<JourneyDetail>(journeyPath(id), signal);
}

export function createJourney(journey: NewJourneyRequest): Promise<JourneySummary> {
  return request<JourneySummary>('POST', '/v1/journeys', journey);
}

export function saveDraft(id: string, draft: SaveDraftRequest): Promise<JourneySummary> {
  return request<JourneySummary>('PUT', `${journeyPath(id)}/draft`, draft);
}

/** Rejects with an ApiError `journey_invalid` whose details hold `{problems}` when the draft has any. */
export function publishJourney(id: string): Promise<PublishResult> {
  return request<PublishResult>('POST', `${journeyPath(id)}/publish`);
}

export function changeJourneyLifecycle(id: string, action: LifecycleAction): Promise<LifecycleResult> {
  return request<LifecycleResult>('POST', `${journeyPath(id)}/${action}`);
}

export function listJourneyVersions(id: string, signal?: AbortSignal): Promise<JourneyVersion[]> {
  return getData<JourneyVersion[]>(`${journeyPath(id)}/versions`, signal);
}

export function getJourneyStats(id: string, signal?: AbortSignal): Promise<JourneyStats> {
  return getData<JourneyStats>(`${journeyPath(id)}/stats`, signal);
}

/** `GET /v1/journeys/{id}/experiments`: each split judged as an experiment. */
export function getJourneyExperiments(id: string, signal?: AbortSignal): Promise<JourneyExperiments> {
  return getData<JourneyExperiments>(`${journeyPath(id)}/experiments`, signal);
}

/** `GET /v1/journeys/{id}/publish-impact`: what publishing the draft now would change. */
export function getPublishImpact(id: string, signal?: AbortSignal): Promise<PublishImpact> {
  return getData<PublishImpact>(`${journeyPath(id)}/publish-impact`, signal);
}

/** `GET /v1/templates`: template names per channel (shipped files and saved templates). */
export function listTemplates(signal?: AbortSignal): Promise<TemplateList> {
  return getData<TemplateList>('/v1/templates', signal);
}

export function listOutbox(limit: number, signal?: AbortSignal): Promise<OutboxItem[]> {
  return getData<OutboxItem[]>(`/v1/outbox?limit=${encodeURIComponent(String(limit))}`, signal);
}

export function getOutboxMessage(id: string, signal?: AbortSignal): Promise<OutboxMessageDetail> {
  return getData<OutboxMessageDetail>(`/v1/outbox/${encodeURIComponent(id)}`, signal);
}
