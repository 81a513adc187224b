/**
 * Sign-in sessions: an opaque token `ws_<secret>` given to the person once (as an HttpOnly cookie
 * for the editor, and in the body for API clients), stored as a SHA-256 hash (the secret is 32
 * random bytes, so a fast hash is enough), with a fixed expiry. Signing out revokes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { SignedOutCode } from '@waypoint/contract';
import {
  Database,
  deleteLongExpiredSessions,
  findSessionByTokenHash,
  insertSession,
  revokeSession,
  revokeSessionsOf,
  touchSession,
} from '@waypoint/data';
import type { Role } from './principal';

export const SESSION_COOKIE = 'wp_session';
const TOKEN_PATTERN = /^ws_[A-Za-z0-9_-]{43}$/;

export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export type SessionCheck =
  { ok: true; user: SessionUser } | { ok: false; code: Exclude<SignedOutCode, 'not_signed_in'> };

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeSessionToken(token: string): boolean {
  return token.startsWith('ws_');
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = `ws_${randomBytes(32).toString('base64url')}`;
    const expiresAt = await insertSession(this.db.query, {
      userId,
      tokenHash: hashToken(token),
      ttlSeconds: this.env.SESSION_TTL_HOURS * 3600,
    });
    // Sessions long past their expiry tell nothing any more; signing in clears them out.
    await deleteLongExpiredSessions(this.db.query);
    return { token, expiresAt };
  }

  async check(token: string): Promise<SessionCheck> {
    if (!TOKEN_PATTERN.test(token)) return { ok: false, code: 'invalid_session' };
    const row = await findSessionByTokenHash(this.db.query, hashToken(token));
    if (!row) return { ok: false, code: 'invalid_session' };
    if (row.revoked_at) return { ok: false, code: 'session_revoked' };
    if (row.expired) return { ok: false, code: 'session_expired' };
    if (row.disabled_at) return { ok: false, code: 'user_disabled' };
    // Written at most once a minute per session: enough to show "last active" without a write per request.
    void touchSession(this.db.query, row.id).catch(() => undefined);
    return {
      ok: true,
      user: { sessionId: row.id, userId: row.user_id, email: row.email, name: row.name, role: row.role },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await revokeSession(this.db.query, sessionId);
  }

  /** Ends every session of a person (disabled, or their role changed). */
  async revokeAllOf(userId: string): Promise<void> {
    await revokeSessionsOf(this.db.query, userId);
  }
}

/** The session token from `Authorization: Bearer ws_…`, else from the `wp_session` cookie. */
export function sessionTokenFrom(headers: { authorization?: string; cookie?: string }): {
  token: string;
  via: 'bearer' | 'cookie';
} | null {
  const bearer = headers.authorization ? /^Bearer\s+(\S+)$/i.exec(headers.authorization)?.[1] : undefined;
  if (bearer) return { token: bearer, via: 'bearer' };
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return { token: value.join('='), via: 'cookie' };
  }
  return null;
}
