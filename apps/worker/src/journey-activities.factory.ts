/** Builds the activities object Temporal calls from the DI-managed services. */
import type { INestApplicationContext } from '@nestjs/common';
import { BranchDecider, RunTiming } from '@waypoint/run-decisions';
import type {
  JourneyActivities,
  LifecycleActivities as LifecycleContract,
  StoreImportActivities as StoreImportContract,
} from '@waypoint/workflows';
import { CouponActivities } from './activities/coupon.activities';
import { EmailActivities } from './activities/email.activities';
import { LifecycleActivities } from './activities/lifecycle.activities';
import { ProfileActivities } from './activities/profile.activities';
import { RunLedgerActivities } from './activities/run-ledger.activities';
import { StoreImportActivities } from './activities/store-import.activities';
import { TextMessageActivities } from './activities/text-message.activities';
import { WebhookActivities } from './activities/webhook.activities';

export function journeyActivities(app: INestApplicationContext): JourneyActivities {
  const ledger = app.get(RunLedgerActivities);
  const coupons = app.get(CouponActivities);
  const email = app.get(EmailActivities);
  const text = app.get(TextMessageActivities);
  const timing = app.get(RunTiming);
  const branch = app.get(BranchDecider);
  const profile = app.get(ProfileActivities);
  const webhook = app.get(WebhookActivities);
  return {
    loadRunPlan: (runId) => ledger.loadRunPlan(runId),
    recordStep: (step) => ledger.recordStep(step),
    recordSteps: (steps) => ledger.recordSteps(steps),
    finishRun: (input) => ledger.finishRun(input),
    issueCoupon: (input) => coupons.issueCoupon(input),
    sendEmail: (input) => email.sendEmail(input),
    sendSms: (input) => text.sendSms(input),
    sendWhatsapp: (input) => text.sendWhatsapp(input),
    quietHours: (input) => timing.quietHours(input),
    resolveWaitUntil: (input) => timing.resolveWaitUntil(input),
    decideBranch: (input) => branch.decideBranch(input),
    updateProfile: (input) => profile.updateProfile(input),
    callWebhook: (input) => webhook.callWebhook(input),
  };
}

export function lifecycleActivities(app: INestApplicationContext): LifecycleContract {
  const lifecycle = app.get(LifecycleActivities);
  return { sweepLifecycle: (input) => lifecycle.sweepLifecycle(input) };
}

export function storeImportActivities(app: INestApplicationContext): StoreImportContract {
  const imports = app.get(StoreImportActivities);
  return {
    importStoreObjects: (input) => imports.importStoreObjects(input),
    recomputeImportedHistory: (input) => imports.recomputeImportedHistory(input),
  };
}
