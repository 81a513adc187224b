/**
 * The activities a journey run calls, as an interface only: workflow code imports it with
 * `import type`, and the worker implements it with injectable services.
 */
import type { JourneyDefinition, RunEvent, RunStatus, StepOutcome } from '@waypoint/journey';

export interface RunPlan {
  runId: string;
  journeyId: string;
  journeyVersion: number;
  customerId: string;
  definition: JourneyDefinition;
  triggerEvent: RunEvent | null;
}

export interface StepRecord {
  runId: string;
  nodeId: string;
  nodeType: string;
  visit: number;
  outcome: StepOutcome;
  enteredAt: string;
  finishedAt: string | null;
  branch?: string | null;
  reason?: string | null;
  wakeAt?: string | null;
  messageId?: string | null;
  detail?: Record<string, unknown>;
}

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
}

export interface SendEmailInput {
  runId: string;
  nodeId: string;
  visit: number;
  customerId: string;
  template: string;
  from?: string;
  category: 'marketing' | 'transactional';
  /** What earlier nodes made available to templates (the trigger event, the latest coupon). */
  context: { event: RunEvent | null; coupon: IssuedCoupon | null };
}

export interface SendOutcome {
  messageId: string | null;
  status: 'sent' | 'sandboxed' | 'skipped' | 'failed' | 'unconfirmed';
  /** Why, in words, for the step: "sent to ada@example.com via sendgrid", "skipped: unsubscribed". */
  reason: string;
}

export interface FinishRunInput {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  reason: string | null;
}

export interface JourneyActivities {
  loadRunPlan(runId: string): Promise<RunPlan>;
  recordStep(step: StepRecord): Promise<void>;
  issueCoupon(input: IssueCouponInput): Promise<IssuedCoupon>;
  sendEmail(input: SendEmailInput): Promise<SendOutcome>;
  finishRun(input: FinishRunInput): Promise<void>;
}
