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
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const MAX_FAILURES_PER_EMAIL = 20;

export type LoginAttempt =
  { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number };

@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counts the attempt (as a failure until `succeeded`) or says how long to wait. */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || lower($1)))`, [email]);
      const [row]: Array<{
        pair: number;
        address: number;
        everywhere: number;
        pair_wait: number | null;
        address_wait: number | null;
        everywhere_wait: number | null;
      }> = await tx.query(
        `WITH recent AS (SELECT email, ip, at FROM login_failures WHERE at > now() - make_interval(secs => $3)),
                waits AS (
                  SELECT extract(epoch FROM min(at) + make_interval(secs => $3) - now())::float AS wait, scope
                    FROM (SELECT at, 'pair' AS scope, row_number() OVER (ORDER BY at DESC) AS n FROM recent WHERE lower(email) = lower($1) AND ip = $2
                          UNION ALL
                          SELECT at, 'address', row_number() OVER (ORDER BY at DESC) FROM recent WHERE ip = $2
                          UNION ALL
                          SELECT at, 'everywhere', row_number() OVER (ORDER BY at DESC) FROM recent WHERE lower(email) = lower($1)) ranked
                   WHERE n <= CASE scope WHEN 'pair' THEN $4::int WHEN 'address' THEN $5::int ELSE $6::int END
                   GROUP BY scope)
           SELECT (SELECT count(*)::int FROM recent WHERE lower(email) = lower($1) AND ip = $2) AS pair,
                  (SELECT count(*)::int FROM recent WHERE ip = $2) AS address,
                  (SELECT count(*)::int FROM recent WHERE lower(email) = lower($1)) AS everywhere,
                  (SELECT wait FROM waits WHERE scope = 'pair') AS pair_wait,
                  (SELECT wait FROM waits WHERE scope = 'address') AS address_wait,
                  (SELECT wait FROM waits WHERE scope = 'everywhere') AS everywhere_wait`,
        [
          email,
          ip,
          LOGIN_WINDOW_SECONDS,
          MAX_FAILURES_PER_EMAIL_AND_ADDRESS,
          MAX_FAILURES_PER_ADDRESS,
          MAX_FAILURES_PER_EMAIL,
        ],
      );
      const waits: number[] = [];
      if (row.pair >= MAX_FAILURES_PER_EMAIL_AND_ADDRESS) waits.push(row.pair_wait ?? LOGIN_WINDOW_SECONDS);
      if (row.address >= MAX_FAILURES_PER_ADDRESS) waits.push(row.address_wait ?? LOGIN_WINDOW_SECONDS);
      if (row.everywhere >= MAX_FAILURES_PER_EMAIL && row.pair > 0)
        waits.push(row.everywhere_wait ?? LOGIN_WINDOW_SECONDS);
      if (waits.length > 0)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits))) };
      const [attempt]: Array<{ id: string }> = await tx.query(
        `INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`,
        [email, ip],
      );
      // Old rows are of no use to the window; trimming here keeps the table small without a job.
      await tx.query(`DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1 * 2)`, [
        LOGIN_WINDOW_SECONDS,
      ]);
      return { allowed: true, attemptId: String(attempt.id) };
    });
  }

  /** The password was right: this attempt and the email's earlier failures from this address no longer count. */
  async succeeded(attemptId: string, email: string, ip: string): Promise<void> {
    await this.db.query(
      `DELETE FROM login_failures WHERE id = $1 OR (lower(email) = lower($2) AND ip = $3)`,
      [attemptId, email, ip],
    );
  }
}
