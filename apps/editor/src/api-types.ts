/**
 * Every shape the editor exchanges with the API, in one file: response bodies, request bodies and
 * the error codes the editor branches on. The rest of the editor imports them from here, so when
 * the contract lib (`@waypoint/contract`) describes a route, this file re-exports its type instead
 * and nothing else changes. The domain words (roles, channels, statuses, outcomes, stages) are the
 * journey lib's (`libs/journey/src/vocabulary.ts`), not redeclared.
 */
import type {
  Channel,
  JourneyDefinitionInput,
  JourneyProblem,
  JourneyStatus,
  LifecycleStage,
  Role,
  RunStatus,
  StepOutcome,
} from '@waypoint/journey';

export type { Channel, JourneyStatus, LifecycleStage, Role, RunStatus, StepOutcome };

// ---------------------------------------------------------------------------------------------
// Envelopes and errors

/** The API wraps every successful payload as `{ data }`. */
export interface DataEnvelope<T> {
  data: T;
}

/** Every error the API answers with: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The error codes the editor acts on (every other code is shown as the API words it). */
export const API_ERROR_CODES = {
  /** A publish found problems; `details` is {@link PublishProblems}. */
  journeyInvalid: 'journey_invalid',
  notSignedIn: 'not_signed_in',
  invalidSession: 'invalid_session',
  sessionExpired: 'session_expired',
  sessionRevoked: 'session_revoked',
  userDisabled: 'user_disabled',
} as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** Answers that mean "nobody is signed in (any more)": the page asks to sign in again. */
export const SIGNED_OUT_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  API_ERROR_CODES.notSignedIn,
  API_ERROR_CODES.invalidSession,
  API_ERROR_CODES.sessionExpired,
  API_ERROR_CODES.sessionRevoked,
  API_ERROR_CODES.userDisabled,
]);

/** `GET /health`: answered with 200 when healthy and (typically) 503 when degraded, same body. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { ok: boolean };
  temporal: { ok: boolean };
}

// ---------------------------------------------------------------------------------------------
// Sign-in and people

/** `GET /v1/auth/me`, and the `user` of a sign-in. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** `POST /v1/auth/login` */
export interface SignInRequest {
  email: string;
  password: string;
}

export interface SignInResult {
  user: SignedInUser;
}

/** One row of `GET /v1/users`. */
export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
  lastSeenAt: string | null;
}

/** `POST /v1/users` */
export interface NewPersonRequest {
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** `PATCH /v1/users/{id}` */
export interface PersonChangeRequest {
  role?: Role;
  disabled?: boolean;
}

/** One row of `GET /v1/api-keys`. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /v1/api-keys` */
export interface NewApiKeyRequest {
  name: string;
}

/** The answer to `POST /v1/api-keys`: the only time the whole key is shown. */
export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

/** One entry of the audit log (`GET /v1/audit-log`, `GET /v1/runs/{id}/audit`), newest first. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: { type: string; id: string };
  reason: string | null;
  detail: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Journeys

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

/** `POST /v1/journeys` */
export interface NewJourneyRequest {
  name: string;
  definition: JourneyDefinitionInput;
}

/** `PUT /v1/journeys/{id}/draft`; answered with the {@link JourneySummary}. */
export interface SaveDraftRequest {
  name?: string;
  definition: JourneyDefinitionInput;
}

/** One entry of `GET /v1/journeys/{id}/versions`, newest first. */
export interface JourneyVersion {
  version: number;
  publishedAt: string;
  definition: JourneyDefinitionInput;
}

/** `POST /v1/journeys/{id}/publish` */
export interface PublishResult {
  journey: JourneySummary;
  version: number;
}

/** The 422 body's details when publishing finds problems. */
export interface PublishProblems {
  problems: JourneyProblem[];
}

/** `POST /v1/journeys/{id}/{pause|resume|archive}` */
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

/** `GET /v1/journeys/{id}/stats` */
export interface JourneyStats {
  /** Runs by status (running, completed, exited …). */
  runs: Partial<Record<RunStatus, number>>;
  entered: number;
  conversions: number;
  revenue: number;
  nodes: Record<string, NodeStats>;
}

/** `GET /v1/templates`: template names per channel (shipped files and saved templates). */
export type TemplateList = Partial<Record<Channel, string[]>>;

// ---------------------------------------------------------------------------------------------
// Outbox

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

// ---------------------------------------------------------------------------------------------
// Customers and runs (support)

/** One row of `GET /v1/customers?q=…`. */
export interface CustomerSummary {
  id: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: LifecycleStage | null;
  ordersCount: number;
  totalSpent: number;
  lastOrderAt: string | null;
}

export interface CustomerProfile extends CustomerSummary {
  timezone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  averageOrderValue: number | null;
  firstOrderAt: string | null;
  meanDaysBetweenOrders: number | null;
  discountShare: number | null;
  loyaltyPoints: number;
  loyaltyTier: string | null;
}

export interface ConsentState {
  channel: Channel;
  status: string;
  source: string;
  updatedAt: string;
}

export interface ConsentChange {
  channel: Channel;
  status: string;
  source: string;
  recordedAt: string;
}

export interface CustomerEvent {
  id: string;
  type: string;
  source: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

export interface CustomerMessage {
  id: string;
  runId: string;
  journeyName: string;
  channel: Channel;
  to: string;
  subject: string | null;
  status: string;
  error: string | null;
  createdAt: string;
  deliveryStatus: string | null;
}

export interface CustomerRun {
  id: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: RunStatus;
  statusReason: string | null;
  currentNodeId: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `GET /v1/customers/{id}`: everything the customer page shows. */
export interface CustomerPageData {
  profile: CustomerProfile;
  value: { totalSpent: number; ordersCount: number; averageOrderValue: number | null };
  consent: ConsentState[];
  consentHistory: ConsentChange[];
  events: CustomerEvent[];
  messages: CustomerMessage[];
  runs: CustomerRun[];
}

/** A message sent at a run's step, with its delivery events. */
export interface RunStepMessage {
  id: string;
  channel: Channel;
  to: string;
  subject: string | null;
  status: string;
  provider: string;
  sentAt: string | null;
  deliveryStatus: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  bouncedAt: string | null;
  deliveryError: string | null;
}

export interface RunStep {
  nodeId: string;
  nodeType: string;
  visit: number;
  outcome: StepOutcome;
  enteredAt: string;
  finishedAt: string | null;
  branch: string | null;
  reason: string | null;
  wakeAt: string | null;
  message: RunStepMessage | null;
}

/** `GET /v1/runs/{id}` */
export interface RunDetail {
  id: string;
  journey: { id: string; name: string };
  version: number;
  customerId: string;
  status: RunStatus;
  statusReason: string | null;
  currentNodeId: string | null;
  waitingFor: {
    nodeId: string;
    nodeType: string;
    visit: number;
    until: string | null;
    canContinueNow: boolean;
  } | null;
  startedAt: string;
  finishedAt: string | null;
  workflowId: string;
  temporalUrl: string;
  steps: RunStep[];
}

/** `POST /v1/runs/{id}/cancel` and `POST /v1/runs/{id}/continue`: why, for the audit log. */
export interface RunActionRequest {
  reason: string;
}
