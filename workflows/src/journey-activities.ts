/**
 * The activities a journey run calls, as an interface only: workflow code imports it with
 * `import type`, and the worker implements it with injectable services.
 */
import type {
  Condition,
  JourneyDefinition,
  JourneySettings,
  RunEvent,
  RunStatus,
  StepRecord,
  TestWaits,
} from '@waypoint/journey';

export interface RunPlan {
  runId: string;
  journeyId: string;
  journeyVersion: number;
  customerId: string;
  entryKey: string;
  definition: JourneyDefinition;
  triggerEvent: RunEvent | null;
  /** Whether the journey was paused when the run (re)loaded its plan. */
  journeyPaused: boolean;
  /** A test run's shortened waits (docs/product.md, "Test runs"); absent for every other run. */
  testWaits?: TestWaits;
}

/** One node visit as the workflow records it (the journey lib's, shared with the data layer). */
export type { StepRecord };

export interface IssueCouponInput {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
  kind: 'percent' | 'fixed' | 'free_shipping';
  value: number;
  /** Absolute expiry, computed from workflow time so a retry gives the same answer. */
  expiresAt: string | null;
  prefix: string;
}

export interface IssuedCoupon {
  code: string;
  kind: string;
  value: number;
  expiresAt: string | null;
  /** Where the connected store stands on the code; absent in runs recorded before codes went to the store. */
  store?: CouponInStore;
}

export interface CouponInStore {
  /** `created`: the store has it; `refused`: it has not and never will (never show it); `local`: no store connected. */
  status: 'local' | 'created' | 'refused';
  /** The store's discount (`gid://shopify/DiscountCodeNode/…`) once created. */
  discountId: string | null;
  /** The coupon step's reason: what was issued and what the store did with it. */
  reason: string;
}

/** What earlier nodes made available to templates: the (latest) trigger event and the latest coupon. */
export interface TemplateState {
  event: RunEvent | null;
  coupon: IssuedCoupon | null;
}

interface SendBase {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
  category: 'marketing' | 'transactional';
  context: TemplateState;
  /** The journey's frequency caps; the activity counts the customer's sends across all journeys. */
  frequencyCap: JourneySettings['frequencyCap'];
  /** Workflow time of the send, for the cap's window. */
  now: string;
}

export interface SendEmailInput extends SendBase {
  template: string;
  from?: string;
}

export interface SendSmsInput extends SendBase {
  template: string;
}

export interface SendWhatsappInput extends SendBase {
  template?: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
}

export interface SendOutcome {
  messageId: string | null;
  status: 'sent' | 'sandboxed' | 'skipped' | 'failed' | 'unconfirmed';
  /** Why, in words, for the step: "sent to ada@example.com via sendgrid", "skipped: no consent (sms)". */
  reason: string;
}

export interface QuietHoursInput {
  customerId: string;
  window: { start: string; end: string };
  now: string;
}

export interface QuietHoursAnswer {
  /** When the send may go out, or null when it may go now. */
  until: string | null;
  /** "quiet hours until 08:00 Europe/Istanbul" */
  reason: string | null;
}

export interface WaitUntilInput {
  customerId: string;
  timeOfDay?: string;
  weekdays?: number[];
  attribute?: string;
  offset?: string;
  now: string;
}

export interface WaitUntilAnswer {
  /** The wake-up time, or null when it cannot be known (the reason says why). */
  wakeAt: string | null;
  reason: string;
}

export interface DecideBranchInput {
  customerId: string;
  /** The run deciding, for rules on its own messages (`did … thisRun`); none in a preview. */
  runId?: string;
  conditions: Array<{ id: string; name: string; when: Condition }>;
  eventProperties: Record<string, unknown>;
  now: string;
}

export interface BranchDecision {
  handle: string;
  reason: string;
}

export interface UpdateProfileInput {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
  set?: Record<string, unknown>;
  addTags?: string[];
  removeTags?: string[];
  awardPoints?: number;
}

export interface CallWebhookInput {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
  url: string;
  body?: string;
  context: TemplateState;
}

export interface ActionResult {
  ok: boolean;
  reason: string;
  detail?: Record<string, unknown>;
}

export interface FinishRunInput {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  reason: string | null;
}

export interface JourneyActivities {
  loadRunPlan(runId: string): Promise<RunPlan>;
  recordStep(step: StepRecord): Promise<void>;
  finishRun(input: FinishRunInput): Promise<void>;
  issueCoupon(input: IssueCouponInput): Promise<IssuedCoupon>;
  sendEmail(input: SendEmailInput): Promise<SendOutcome>;
  sendSms(input: SendSmsInput): Promise<SendOutcome>;
  sendWhatsapp(input: SendWhatsappInput): Promise<SendOutcome>;
  quietHours(input: QuietHoursInput): Promise<QuietHoursAnswer>;
  resolveWaitUntil(input: WaitUntilInput): Promise<WaitUntilAnswer>;
  decideBranch(input: DecideBranchInput): Promise<BranchDecision>;
  updateProfile(input: UpdateProfileInput): Promise<ActionResult>;
  callWebhook(input: CallWebhookInput): Promise<ActionResult>;
}
