/**
 * Signing in: the rate limit first (login-throttle.service.ts), then the password, then a new session,
 * written to the audit log. Signing out ends the session.
 */
import { Injectable } from '@nestjs/common';
import type { SignedInUser } from '@waypoint/contract';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import { LoginThrottle } from './login-throttle.service';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

export interface SignIn {
  token: string;
  expiresAt: Date;
  user: SignedInUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  /** A new session for the person, or 429 (too many failures) / 401 (wrong email or password). */
  async signIn(email: string, password: string, ip: string): Promise<SignIn> {
    const attempt = await this.throttle.begin(email, ip);
    if (!attempt.allowed)
      throw ApiError.tooManyRequests(
        'too_many_attempts',
        `Too many failed sign-ins; try again in ${attempt.retryAfterSeconds} s`,
        attempt.retryAfterSeconds,
      );
    const person = await this.users.authenticate(email, password);
    if (!person) throw ApiError.unauthorized('invalid_credentials', 'The email or password is wrong');
    await this.throttle.succeeded(attempt.attemptId, email, ip);
    const session = await this.sessions.create(person.id);
    const user: SignedInUser = { id: person.id, email: person.email, name: person.name, role: person.role };
    await this.audit.record(
      { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: '' },
      { action: 'user.login', targetType: 'user', targetId: user.id },
    );
    return { ...session, user };
  }

  async signOut(principal: Principal): Promise<void> {
    if (principal.kind === 'user') await this.sessions.revoke(principal.sessionId);
  }
}
