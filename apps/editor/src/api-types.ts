// The response shapes the editor's pages read from the API. Journey definitions and validation
// problems are the shared model's own types (@waypoint/journey); the envelopes around them are here.
import type { JourneyDefinitionInput, JourneyProblem } from '@waypoint/journey';

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

/** `GET /v1/journeys/{id}`: the summary plus the draft being edited (it may be unfinished). */
export interface JourneyDetail extends JourneySummary {
  draft: JourneyDefinitionInput;
}

/** One entry of `GET /v1/journeys/{id}/versions`, newest first. */
export interface JourneyVersion {
  version: number;
  publishedAt: string;
  definition: JourneyDefinitionInput;
}

export interface PublishResult {
  journey: JourneySummary;
  version: number;
}

/** The 422 body's details when publishing finds problems. */
export interface PublishProblems {
  problems: JourneyProblem[];
}

export type LifecycleAction = 'pause' | 'resume' | 'archive';

export interface LifecycleResult {
  id: string;
  status: JourneyStatus;
  runsNotified: number;
}

/** Per-node counts of `GET /v1/journeys/{id}/stats`. */
export interface NodeStats {
  entered: number;
  /** Runs waiting at this node now. */
  waiting: number;
  completed: number;
  skipped: number;
  failed: number;
  /** Skips by their recorded reason ("frequency cap", "no consent" …). */
  skippedBy: Record<string, number>;
  /** Messages sent from this node by status (sent, sandboxed, delivered, opened, clicked …). */
  messages: Record<string, number>;
}

export interface JourneyStats {
  runs: Record<string, number>;
  entered: number;
  conversions: number;
  revenue: number;
  nodes: Record<string, NodeStats>;
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
