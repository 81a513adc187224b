/**
 * The one global guard. Every route is closed unless its controller or handler says otherwise
 * (access.decorators.ts); routes without a declaration are for admins only. People are
 * recognised by their session (bearer token or the editor's cookie), storefronts by API keys,
 * and the two never stand in for each other.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { SignedOutCode } from '@waypoint/contract';
import { ApiError } from '../errors/api-error';
import { ACCESS, type Access } from './access.decorators';
import { ApiKeysService } from './api-keys.service';
import type { RequestWithPrincipal } from './principal';
import { looksLikeSessionToken, SessionsService, sessionTokenFrom } from './sessions.service';

const ADMINS_ONLY: Access = { kind: 'roles', roles: [] };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SESSION_ERRORS = {
  invalid_session: 'The sign-in token is unknown; sign in again',
  session_expired: 'The sign-in has expired; sign in again',
  session_revoked: 'The sign-in was ended (signed out); sign in again',
  user_disabled: 'This account is disabled; ask an admin',
} as const satisfies Record<Exclude<SignedOutCode, 'not_signed_in'>, string>;

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? ADMINS_ONLY;
    if (access.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    if (access.kind === 'api_key') return this.admitApiKey(request);
    return this.admitPerson(request, access.roles);
  }

  private async admitApiKey(request: RequestWithPrincipal): Promise<boolean> {
    const header = request.headers.authorization;
    const key = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!key)
      throw ApiError.unauthorized('missing_api_key', 'Send an API key as "Authorization: Bearer <key>"');
    if (looksLikeSessionToken(key))
      throw ApiError.forbidden('api_key_required', 'This route takes an API key, not a sign-in token');
    const id = await this.keys.verify(key);
    if (!id) throw ApiError.unauthorized('invalid_api_key', 'The API key is unknown or revoked');
    request.principal = { kind: 'api_key', apiKeyId: id };
    return true;
  }

  private async admitPerson(request: RequestWithPrincipal, roles: string[]): Promise<boolean> {
    const found = sessionTokenFrom(request.headers);
    if (!found) throw ApiError.unauthorized('not_signed_in', 'Sign in first (POST /v1/auth/login)');
    if (found.token.startsWith('wp_'))
      throw ApiError.forbidden(
        'session_required',
        'API keys may call only the event and profile API; this route needs a person signed in',
      );
    const check = await this.sessions.check(found.token);
    if (!check.ok) throw ApiError.unauthorized(check.code, SESSION_ERRORS[check.code]);
    // A cookie rides along on any request the browser makes; a custom header cannot be sent
    // cross-site without a CORS preflight the API never grants, so it proves the editor sent it.
    if (found.via === 'cookie' && !SAFE_METHODS.has(request.method) && !request.headers['x-requested-with'])
      throw ApiError.forbidden(
        'csrf_header_missing',
        'Requests signed in by cookie must send X-Requested-With (the editor does)',
      );
    const user = check.user;
    if (user.role !== 'admin' && !roles.includes(user.role)) {
      const allowed = ['admin', ...roles].join(' or ');
      throw ApiError.forbidden('forbidden', `This needs the ${allowed} role; you are ${user.role}`);
    }
    request.principal = { kind: 'user', ...user };
    return true;
  }
}
