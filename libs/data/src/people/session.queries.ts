/**
 * Sign-in sessions of the people aggregate: stored by the SHA-256 hash of their token (the token
 * itself is the API's and never stored), with a fixed expiry; signing out revokes one.
 */
import type { Role } from '@waypoint/journey';
import type { Query } from '../database';

/** A session with its person, as the access guard checks it. */
export interface SessionCheckRow {
  id: string;
  expired: boolean;
  revoked_at: Date | null;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  disabled_at: Date | null;
}

/** Its expiry. */
export async function insertSession(
  query: Query,
  session: { userId: string; tokenHash: string; ttlSeconds: number },
): Promise<Date> {
  const rows = await query(
    `INSERT INTO sessions (user_id, token_hash, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [session.userId, session.tokenHash, session.ttlSeconds],
  );
  return rows[0].expires_at as Date;
}

/** Sessions a week past their expiry tell nothing any more. */
export async function deleteLongExpiredSessions(query: Query): Promise<void> {
  await query(`DELETE FROM sessions WHERE expires_at < now() - interval '7 days'`, []);
}

export async function findSessionByTokenHash(
  query: Query,
  tokenHash: string,
): Promise<SessionCheckRow | null> {
  const rows = await query(
    `SELECT s.id, s.expires_at <= now() AS expired, s.revoked_at, u.id AS user_id, u.email, u.name, u.role, u.disabled_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return (rows[0] as unknown as SessionCheckRow | undefined) ?? null;
}

/** "Last seen", written at most once a minute per session (not a write per request). */
export async function touchSession(query: Query, sessionId: string): Promise<void> {
  await query(
    `UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
    [sessionId],
  );
}

export async function revokeSession(query: Query, sessionId: string): Promise<void> {
  await query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
}

/** Ends every session of a person. */
export async function revokeSessionsOf(query: Query, userId: string): Promise<void> {
  await query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
}
