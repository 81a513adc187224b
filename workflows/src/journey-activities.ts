/**
 * The activities a journey run calls, as an interface only: workflow code imports it with
 * `import type`, and the worker implements it with injectable services.
 */
import type { JourneyDefinition, RunEvent, RunStatus, StepRecord, TestWaits } from '@waypoint/journey';
/** The decisions' questions and answers live in the journey lib (shared with the preview). */
export type {
  BranchDecision,
  CouponInStore,
  DecideBranchInput,
  IssuedCoupon,
  QuietHoursAnswer,
  QuietHoursInput,
  SendEmailInput,
  SendOutcome,
  SendSmsInput,
  SendWhatsappInput,
  TemplateState,
  WaitUntilAnswer,
  WaitUntilInput,
} from '@waypoint/journey';
import type {
  BranchDecision,
  DecideBranchInput,
  IssuedCoupon,
  QuietHoursAnswer,
  QuietHoursInput,
  SendEmailInput,
  SendOutcome,
  SendSmsInput,
  SendWhatsappInput,
  TemplateState,
  WaitUntilAnswer,
  WaitUntilInput,
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
  /** A batching run's steps not written yet, written with the finish (`batched-steps`). */
  steps?: StepRecord[];
}

export interface JourneyActivities {
  loadRunPlan(runId: string): Promise<RunPlan>;
  recordStep(step: StepRecord): Promise<void>;
  /** Several steps of one run, in the order taken, in one statement (`journeyRunV3`). */
  recordSteps(steps: StepRecord[]): Promise<void>;
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
