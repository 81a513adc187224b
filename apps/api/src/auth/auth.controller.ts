/**
 * Signing in and out. `POST /v1/auth/login` answers the token in the body (for API clients) and
 * as an HttpOnly, SameSite=Strict cookie (for the editor); `GET /v1/auth/me` says who is signed in.
 */
import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  loginResponse,
  logoutResponse,
  meResponse,
  ownPhoneResponse,
  type LoginAnswer,
} from '@waypoint/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { clearedCookie, serializeCookie } from '../http/cookies';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { Public, Roles } from './access.decorators';
import { LoginDto, SetOwnPhoneDto } from './auth.dto';
import { AuthService } from './auth.service';
import { OwnPhone } from './own-phone.service';
import { CurrentPrincipal, ROLES, type Principal } from './principal';
import { SESSION_COOKIE } from './sessions.service';

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly ownPhone: OwnPhone,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Answers a session token (send it as `Authorization: Bearer ws_…`) and sets it as the HttpOnly, SameSite=Strict ' +
      'cookie `wp_session` for the editor; a request with `X-Requested-With` (the editor) gets the cookie only, no ' +
      'token in the body. Sessions last SESSION_TTL_HOURS (12 by default). Within 15 minutes, 5 failures for one email ' +
      'from one address, 50 from one address, or 20 for one email from anywhere (for the addresses that failed) answer ' +
      '429 with Retry-After. Requests signed in by cookie that change something must send `X-Requested-With`.',
  })
  @Answers(200, loginResponse)
  @Fails(400, 401, 429)
  async login(
    @Body() body: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // req.ip honours TRUST_PROXY (X-Forwarded-For from a reverse proxy); else the socket's address.
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const signedIn = await this.auth.signIn(body.email, body.password, ip);
    void res.header(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, signedIn.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.env.PUBLIC_URL.startsWith('https:'),
        path: '/',
        expires: signedIn.expiresAt,
      }),
    );
    // The editor (it sends X-Requested-With) gets the session only as the HttpOnly cookie, so a
    // script injected into the page could not read it; API clients get the token to send.
    const fromEditor = Boolean(req.headers['x-requested-with']);
    const answer: LoginAnswer = {
      ...(fromEditor ? {} : { token: signedIn.token }),
      expiresAt: signedIn.expiresAt.toISOString(),
      user: signedIn.user,
    };
    return { data: answer };
  }

  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out (ends this session)' })
  @Answers(200, logoutResponse)
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    await this.auth.signOut(principal);
    void res.header('Set-Cookie', clearedCookie(SESSION_COOKIE));
    return { data: { signedOut: true as const } };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who is signed in' })
  @Answers(200, meResponse)
  me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'user') throw ApiError.forbidden('session_required', 'Only people sign in');
    const { userId, email, name, role } = principal;
    return { data: { id: userId, email, name, role } };
  }

  @Patch('me')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Set your own phone (where your test sends of SMS and WhatsApp go)',
    description:
      "Read in the store's country and stored as E.164; 422 `invalid_phone` when it is not a valid number; null removes it.",
  })
  @Answers(200, ownPhoneResponse)
  @Fails(400, 422)
  async setOwnPhone(@Body() body: SetOwnPhoneDto, @CurrentPrincipal() principal: Principal) {
    return { data: await this.ownPhone.set(principal, body.phone) };
  }
}
