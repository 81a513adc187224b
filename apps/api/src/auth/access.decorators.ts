/**
 * Who may call a route. Every route is closed by default (admins only); a controller or handler
 * opens it explicitly: `@Public()` (signed webhooks, health, unsubscribe, sign-in), `@ApiKeyOnly()`
 * (the storefront's event and profile API), or `@Roles('marketer', 'support')` (admins always
 * pass). The handler's declaration wins over its controller's.
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ACCESS = 'waypoint.access';

export type Access = { kind: 'public' } | { kind: 'api_key' } | { kind: 'roles'; roles: Role[] };

export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies Access);
export const ApiKeyOnly = () => SetMetadata(ACCESS, { kind: 'api_key' } satisfies Access);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS, { kind: 'roles', roles } satisfies Access);
