/** Builds the activities object Temporal calls from the DI-managed services. */
import type { INestApplicationContext } from '@nestjs/common';
import type { JourneyActivities } from '@waypoint/workflows';
import { CouponActivities } from './activities/coupon.activities';
import { EmailActivities } from './activities/email.activities';
import { RunLedgerActivities } from './activities/run-ledger.activities';

export function journeyActivities(app: INestApplicationContext): JourneyActivities {
  const ledger = app.get(RunLedgerActivities);
  const coupons = app.get(CouponActivities);
  const email = app.get(EmailActivities);
  return {
    loadRunPlan: (runId) => ledger.loadRunPlan(runId),
    recordStep: (step) => ledger.recordStep(step),
    finishRun: (input) => ledger.finishRun(input),
    issueCoupon: (input) => coupons.issueCoupon(input),
    sendEmail: (input) => email.sendEmail(input),
  };
}
