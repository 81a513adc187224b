/**
 * Signing in and out. `POST /v1/auth/login` answers the token in the body (for API clients) and
 * as an HttpOnly, SameSite=Strict cookie (for the editor); `GET /v1/auth/me` says who is signed in.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { Public, Roles } from './access.decorators';
import { LoginThrottle } from './login-throttle.service';
import { CurrentPrincipal, ROLES, type Principal } from './principal';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const loginSchema = z.object({
  email: z.string().trim().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(1024),
});

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { email, password } = parseInput(loginSchema, body);
    // req.ip honours TRUST_PROXY (X-Forwarded-For from a reverse proxy); else the socket's address.
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const attempt = await this.throttle.begin(email, ip);
    if (!attempt.allowed)
      throw ApiError.tooManyRequests(
        'too_many_attempts',
        `Too many failed sign-ins; try again in ${attempt.retryAfterSeconds} s`,
        attempt.retryAfterSeconds,
      );
    const user = await this.users.authenticate(email, password);
    if (!user) throw ApiError.unauthorized('invalid_credentials', 'The email or password is wrong');
    await this.throttle.succeeded(attempt.attemptId, email, ip);
    const session = await this.sessions.create(user.id);
    await this.audit.record(
      { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: '' },
      { action: 'user.login', targetType: 'user', targetId: user.id },
    );
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.env.PUBLIC_URL.startsWith('https:'),
      path: '/',
      expires: session.expiresAt,
    });
    // The editor (it sends X-Requested-With) gets the session only as the HttpOnly cookie, so a
    // script injected into the page could not read it; API clients get the token to send.
    const fromEditor = Boolean(req.headers['x-requested-with']);
    return {
      data: {
        ...(fromEditor ? {} : { token: session.token }),
        expiresAt: session.expiresAt.toISOString(),
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
      },
    };
  }

  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(200)
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    if (principal.kind === 'user') await this.sessions.revoke(principal.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { data: { signedOut: true } };
  }

  @Get('me')
  @Roles(...ROLES)
  me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'user') throw ApiError.forbidden('session_required', 'Only people sign in');
    const { userId, email, name, role } = principal;
    return { data: { id: userId, email, name, role } };
  }
}
