/**
 * Failed sign-ins of the people aggregate, the sign-in rate limit's memory (kept in PostgreSQL so
 * a restart or a second API process does not reset it). The limits are the API's; these queries
 * count within a window and store or forget attempts.
 */
import type { Query } from '../database';

/** Recent failures for one email and address, and how long until each scope's limit lets go. */
export interface LoginFailureCountsRow {
  /** For this email from this address. */
  pair: number;
  /** From this address, any email. */
  address: number;
  /** For this email, from anywhere. */
  everywhere: number;
  /** Seconds until the pair's oldest counted failure leaves the window (null: none counted). */
  pair_wait: number | null;
  address_wait: number | null;
  everywhere_wait: number | null;
}

/** Inside a transaction: serialises attempts for one email until it ends. */
export async function lockLoginEmail(query: Query, email: string): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('login:' || lower($1)))`, [email]);
}

/** Counts within `windowSeconds`; the waits consider the newest `max…` failures of each scope. */
export async function countLoginFailures(
  query: Query,
  attempt: { email: string; ip: string },
  limits: {
    windowSeconds: number;
    maxPerEmailAndAddress: number;
    maxPerAddress: number;
    maxPerEmail: number;
  },
): Promise<LoginFailureCountsRow> {
  const rows = await query(
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
      attempt.email,
      attempt.ip,
      limits.windowSeconds,
      limits.maxPerEmailAndAddress,
      limits.maxPerAddress,
      limits.maxPerEmail,
    ],
  );
  return rows[0] as unknown as LoginFailureCountsRow;
}

/** Records an attempt as a failure; its id (a bigint, as a string). */
export async function insertLoginFailure(
  query: Query,
  attempt: { email: string; ip: string },
): Promise<string> {
  const rows = await query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`, [
    attempt.email,
    attempt.ip,
  ]);
  return String(rows[0].id);
}

/** Forgets failures older than twice the window: they can no longer count. */
export async function trimLoginFailures(query: Query, windowSeconds: number): Promise<void> {
  await query(`DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1 * 2)`, [windowSeconds]);
}

/** Forgets this attempt and the email's earlier failures from this address. */
export async function clearLoginFailures(
  query: Query,
  attempt: { attemptId: string; email: string; ip: string },
): Promise<void> {
  await query(`DELETE FROM login_failures WHERE id = $1 OR (lower(email) = lower($2) AND ip = $3)`, [
    attempt.attemptId,
    attempt.email,
    attempt.ip,
  ]);
}

/** Forgets every failed sign-in for `email` from any address (the reset-admin CLI); how many. */
export async function forgetLoginFailuresOf(query: Query, email: string): Promise<number> {
  // A DELETE answers [rows, rowCount] (database.ts), not its rows.
  const [, deleted] = (await query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [
    email,
  ])) as unknown as [unknown[], number];
  return deleted;
}
