// The response shapes the editor's pages read from the API. Kept deliberately small and local until
// the shared journey lib (@waypoint/journey) publishes the journey types; then these defer to it.

/** Every error the API answers with: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** `GET /health`: answered with 200 when healthy and (typically) 503 when degraded, same body. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { ok: boolean };
  temporal: { ok: boolean };
}

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

/** One row of `GET /v1/journeys`. */
export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export type Channel = 'email' | 'sms' | 'whatsapp';

/** One row of `GET /v1/outbox?limit=…`, newest first. */
export interface OutboxItem {
  id: string;
  channel: Channel;
  to: string;
  from: string | null;
  subject: string | null;
  status: string;
  provider: string;
  createdAt: string;
  runId: string;
  nodeId: string;
  customerId: string;
  /**
   * Not part of the list contract today; when the API adds it, SMS and WhatsApp rows (which have
   * no subject) show their first line instead of a placeholder.
   */
  bodyText?: string | null;
}

/** `GET /v1/outbox/{id}`: the list fields plus the rendered message and what would have been sent. */
export interface OutboxMessageDetail extends OutboxItem {
  bodyHtml: string | null;
  bodyText: string | null;
  headers: Record<string, string>;
  providerRequest: unknown;
}

/** The API wraps every successful payload as `{ data }`. */
export interface DataEnvelope<T> {
  data: T;
}
