/**
 * Rate limit on sign-in, kept in PostgreSQL (a restart or a second API process does not reset
 * it). Within 15 minutes:
 *  - 5 failures for one email from one address block that email from that address;
 *  - 50 failures from one address (trying many emails) block the address;
 *  - 20 failures for one email from anywhere block it only for addresses that have failed for
 *    it too, so an attacker spraying an email (the well-known admin@localhost) from many places
 *    does not lock its owner out.
 * Each attempt is recorded as a failure before the password is checked, under a lock per email,
 * so a burst of parallel attempts cannot all slip past the count; a success removes its record.
 */
import { Injectable } from '@nestjs/common';
import {
  clearLoginFailures,
  countLoginFailures,
  Database,
  insertLoginFailure,
  lockLoginEmail,
  trimLoginFailures,
} from '@waypoint/data';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const MAX_FAILURES_PER_EMAIL = 20;

export type LoginAttempt =
  { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number };

@Injectable()
export class LoginThrottle {
  constructor(private readonly db: Database) {}

  /** Counts the attempt (as a failure until `succeeded`) or says how long to wait. */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    return this.db.transaction(async (query) => {
      await lockLoginEmail(query, email);
      const row = await countLoginFailures(
        query,
        { email, ip },
        {
          windowSeconds: LOGIN_WINDOW_SECONDS,
          maxPerEmailAndAddress: MAX_FAILURES_PER_EMAIL_AND_ADDRESS,
          maxPerAddress: MAX_FAILURES_PER_ADDRESS,
          maxPerEmail: MAX_FAILURES_PER_EMAIL,
        },
      );
      const waits: number[] = [];
      if (row.pair >= MAX_FAILURES_PER_EMAIL_AND_ADDRESS) waits.push(row.pair_wait ?? LOGIN_WINDOW_SECONDS);
      if (row.address >= MAX_FAILURES_PER_ADDRESS) waits.push(row.address_wait ?? LOGIN_WINDOW_SECONDS);
      if (row.everywhere >= MAX_FAILURES_PER_EMAIL && row.pair > 0)
        waits.push(row.everywhere_wait ?? LOGIN_WINDOW_SECONDS);
      if (waits.length > 0)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits))) };
      const attemptId = await insertLoginFailure(query, { email, ip });
      // Old rows are of no use to the window; trimming here keeps the table small without a job.
      await trimLoginFailures(query, LOGIN_WINDOW_SECONDS);
      return { allowed: true, attemptId };
    });
  }

  /** The password was right: this attempt and the email's earlier failures from this address no longer count. */
  async succeeded(attemptId: string, email: string, ip: string): Promise<void> {
    await clearLoginFailures(this.db.query, { attemptId, email, ip });
  }
}
