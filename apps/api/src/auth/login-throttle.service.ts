/**
 * Rate limit on sign-in: failed attempts are kept in PostgreSQL (so a restart or a second API
 * process does not reset them). More than 5 failures for one email, or 20 from one address, in 15
 * minutes refuse further attempts until the oldest falls out of the window.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const [row]: Array<{
      by_email: number;
      by_ip: number;
      email_wait: number | null;
      ip_wait: number | null;
    }> = await this.db.query(
      `WITH recent AS (SELECT email, ip, at FROM login_failures WHERE at > now() - make_interval(secs => $3))
         SELECT (SELECT count(*)::int FROM recent WHERE lower(email) = lower($1)) AS by_email,
                (SELECT count(*)::int FROM recent WHERE ip = $2) AS by_ip,
                (SELECT extract(epoch FROM min(at) + make_interval(secs => $3) - now())::float
                   FROM (SELECT at FROM recent WHERE lower(email) = lower($1) ORDER BY at DESC LIMIT $4) last) AS email_wait,
                (SELECT extract(epoch FROM min(at) + make_interval(secs => $3) - now())::float
                   FROM (SELECT at FROM recent WHERE ip = $2 ORDER BY at DESC LIMIT $5) last) AS ip_wait`,
      [email, ip, LOGIN_WINDOW_SECONDS, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP],
    );
    const waits: number[] = [];
    if (row.by_email >= MAX_FAILURES_PER_EMAIL) waits.push(row.email_wait ?? LOGIN_WINDOW_SECONDS);
    if (row.by_ip >= MAX_FAILURES_PER_IP) waits.push(row.ip_wait ?? LOGIN_WINDOW_SECONDS);
    return waits.length ? Math.max(1, Math.ceil(Math.max(...waits))) : 0;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.db.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
    // Old rows are of no use to the window; trimming here keeps the table small without a job.
    await this.db.query(`DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1 * 2)`, [
      LOGIN_WINDOW_SECONDS,
    ]);
  }

  async clear(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [email]);
  }
}
