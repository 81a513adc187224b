/**
 * Every shape the editor exchanges with the API, in one file, taken from the API's contract
 * (`@waypoint/contract`: the same zod schemas the API validates with and documents in
 * `/openapi.json`), under the names the editor's code uses. Only types cross over here (the
 * contract's values and zod stay out of the bundle), except the error codes below. The domain
 * words (roles, channels, statuses, outcomes, stages) are the journey lib's vocabulary.
 */
import type {
  ApiKeySummary,
  Dashboard,
  AuditEntry,
  CancelRun,
  CreatedApiKey,
  CreateJourney,
  CustomerPage,
  CustomerSummary,
  ErrorBody,
  Health,
  JourneyDetail as ContractJourneyDetail,
  JourneyExperiments,
  JourneyResults,
  Experiment,
  JourneyStats,
  JourneySummary,
  JourneyVersion,
  LifecycleAction,
  LifecycleResult,
  Login,
  LoginAnswer,
  NewApiKey,
  NewPerson,
  NodeStats,
  OutboxItem as ContractOutboxItem,
  OutboxMessage,
  Person,
  PersonChange,
  PublishImpact,
  PublishProblems,
  PublishResult,
  Run,
  RunMessage,
  RunStep,
  SignedInUser,
  SignedOutCode,
  StoreConnection,
  StoreWebhook,
  ConnectStore,
  CreateSegment,
  Segment,
  SegmentJourney,
  SegmentMember,
  UpdateSegment,
  LifecyclePreview,
  LifecycleSettings,
  LifecycleSettingsInput,
  Product,
  StoreProfile,
  StoreProfilePatch,
  TemplateNames,
  UpdateDraft,
  PreviewTemplate,
  RenderedEmail,
  RenderedTemplate,
  RenderedText,
  SavedTemplate,
  SaveTemplate,
  SetOwnPhone,
  TemplateSource,
  TemplateSummary,
  TemplateUse,
  TemplateVariable,
  TemplateVariant,
  TemplateVersion,
  TemplateVersionSummary,
  TestSend,
  TestSendResult,
} from '@waypoint/contract';
import type {
  Channel,
  JourneyDefinitionInput,
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
export type ApiErrorBody = ErrorBody;

/** The error codes the editor acts on (every other code is shown as the API words it). */
export const API_ERROR_CODES = {
  /** A publish found problems; `details` is {@link PublishProblems}. */
  journeyInvalid: 'journey_invalid',
  notSignedIn: 'not_signed_in',
  invalidSession: 'invalid_session',
  sessionExpired: 'session_expired',
  sessionRevoked: 'session_revoked',
  userDisabled: 'user_disabled',
} as const satisfies Record<string, string>;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** Answers that mean "nobody is signed in (any more)": the page asks to sign in again. */
export const SIGNED_OUT_CODES: ReadonlySet<string> = new Set<SignedOutCode>([
  API_ERROR_CODES.notSignedIn,
  API_ERROR_CODES.invalidSession,
  API_ERROR_CODES.sessionExpired,
  API_ERROR_CODES.sessionRevoked,
  API_ERROR_CODES.userDisabled,
]);

/** `GET /health` */
export type HealthResponse = Health;

// Sign-in and people
export type { SignedInUser, Person, ApiKeySummary, CreatedApiKey, AuditEntry };
export type SignInRequest = Login;
export type SignInResult = LoginAnswer;
export type NewPersonRequest = NewPerson;
export type PersonChangeRequest = PersonChange;
export type NewApiKeyRequest = NewApiKey;

// Journeys
export type { JourneySummary, JourneyVersion, PublishResult, PublishProblems };
/**
 * `GET /v1/journeys/{id}`. The contract describes the draft loosely (an unfinished draft is saved
 * as drawn); the editor reads it as the journey lib's input shape, which its own autosave wrote.
 */
export type JourneyDetail = Omit<ContractJourneyDetail, 'draft'> & { draft: JourneyDefinitionInput };
export type { LifecycleAction, LifecycleResult, NodeStats, JourneyStats };
export type { JourneyExperiments, Experiment };
export type { PublishImpact };
export type NewJourneyRequest = CreateJourney;
export type SaveDraftRequest = UpdateDraft;
export type TemplateList = TemplateNames;

// Outbox
/**
 * One row of `GET /v1/outbox`. `bodyText` is not part of the list contract; when the API adds it,
 * SMS and WhatsApp rows (which have no subject) show their first line instead of a placeholder.
 */
export type OutboxItem = ContractOutboxItem & { bodyText?: string | null };
export type OutboxMessageDetail = OutboxMessage;

// Customers and runs (support)
export type { CustomerSummary, RunStep };
export type CustomerPageData = CustomerPage;
export type CustomerProfile = CustomerPage['profile'];
export type ConsentState = CustomerPage['consent'][number];
export type ConsentChange = CustomerPage['consentHistory'][number];
export type CustomerEvent = CustomerPage['events'][number];
export type CustomerMessage = CustomerPage['messages'][number];
export type CustomerRun = CustomerPage['runs'][number];
export type CustomerCoupon = CustomerPage['coupons'][number];
export type RunStepMessage = RunMessage;
export type RunDetail = Run;
export type RunActionRequest = CancelRun;

// The store connection
export type { StoreConnection, StoreWebhook };
export type ConnectStoreRequest = ConnectStore;

// Segments
export type { Segment, SegmentJourney, SegmentMember };
export type NewSegmentRequest = CreateSegment;
export type SegmentChangeRequest = UpdateSegment;

// Store settings
export type { LifecyclePreview, LifecycleSettings, Product, StoreProfile };
export type StoreProfileChange = StoreProfilePatch;
export type LifecycleSettingsRequest = LifecycleSettingsInput;
// Templates (the templates page)
export type { RenderedEmail, RenderedTemplate, RenderedText, SavedTemplate, TemplateSource, TemplateSummary };
export type { TemplateUse, TemplateVariable, TemplateVariant, TemplateVersion, TemplateVersionSummary };
export type { TestSendResult };
export type SaveTemplateRequest = SaveTemplate;
export type PreviewTemplateRequest = PreviewTemplate;
export type TestSendRequest = TestSend;
export type SetOwnPhoneRequest = SetOwnPhone;

// The store dashboard
export type { Dashboard };
export type DashboardStage = Dashboard['stages'][number];
export type DashboardJourney = Dashboard['topJourneys'][number];
export type DashboardChannel = Dashboard['deliverability'][number];

// Surveys: how one was answered (marketers) and what one customer answered (support)
export type { CustomerSurveyAnswers, SurveyResults } from '@waypoint/contract';
// A journey's results for a date range
export type { JourneyResults };
export type ResultsNode = JourneyResults['nodes'][number];
// Test runs (the journey editor's "Test run", marks on support's and the outbox's pages)
export type {
  StartTestRun as StartTestRunRequest,
  TestProfile,
  TestRun,
  TestRunDetail,
} from '@waypoint/contract';
