/**
 * What a run asks the database-reading decisions (branch, quiet hours, wait until, may this send
 * go) and what they answer: the workflow's activity contract and the journey preview share these
 * shapes (docs/architecture.md, "Shared decision code").
 */
import type { Condition } from './condition.schema';
import type { JourneySettings } from './definition.schema';
import type { RunEvent } from './run-types';

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

export interface SendBase {
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
