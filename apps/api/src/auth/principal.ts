/**
 * Who is calling: a person signed in with a role, or a storefront/server with an API key. The
 * access guard puts it on the request; handlers read it with `@CurrentPrincipal()` (for the audit
 * log).
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuditActor } from '@waypoint/data';
import { ROLES, type Role } from '@waypoint/journey';
import type { FastifyRequest } from 'fastify';

export { ROLES, type Role };

export type Principal =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; sessionId: string }
  | { kind: 'api_key'; apiKeyId: string };

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<RequestWithPrincipal>().principal,
);

/** How the audit log names the actor. */
export function actorOf(principal: Principal | undefined): AuditActor {
  if (!principal) return { type: 'system', id: null, label: 'system' };
  if (principal.kind === 'user')
    return { type: 'user', id: principal.userId, label: `${principal.name} <${principal.email}>` };
  return { type: 'api_key', id: principal.apiKeyId, label: `API key ${principal.apiKeyId}` };
}
