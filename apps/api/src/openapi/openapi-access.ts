/**
 * The access part of the OpenAPI description: the sign-in, people, API-key, audit, customer
 * search and run-action routes, the security schemes, and who may call each operation (the
 * `security` of each operation and an `x-roles` list), applied to the whole document.
 */
import { errorResponse, idParam, json } from './openapi-shapes';

const data = (schema: unknown) => ({ type: 'object', properties: { data: schema } });
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const pathId = (description: string) => idParam('id', description);
const role = { enum: ['admin', 'marketer', 'support'] };
const reasonBody = body({
  type: 'object',
  required: ['reason'],
  properties: { reason: { type: 'string', maxLength: 500 } },
});

const user = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    name: { type: 'string' },
    role,
    createdAt: { type: 'string', format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
    lastSeenAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const accessPaths = {
  '/v1/auth/login': {
    post: {
      summary: 'Sign in',
      description:
        'Answers a session token (send it as `Authorization: Bearer ws_…`) and sets it as the HttpOnly, SameSite=Strict ' +
        'cookie `wp_session` for the editor; a request with `X-Requested-With` (the editor) gets the cookie only, no ' +
        'token in the body. Sessions last SESSION_TTL_HOURS (12 by default). Within 15 minutes, 5 failures for one email ' +
        'from one address, 50 from one address, or 20 for one email from anywhere (for the addresses that failed) answer ' +
        '429 with Retry-After. Requests signed in by cookie that change something must send `X-Requested-With`.',
      requestBody: body({
        type: 'object',
        required: ['email', 'password'],
        properties: { email: { type: 'string' }, password: { type: 'string' } },
      }),
      responses: {
        '200': json(
          data({
            type: 'object',
            properties: {
              token: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
              user: { type: 'object', properties: { id: {}, email: {}, name: {}, role } },
            },
          }),
        ),
        '400': errorResponse('Email or password missing'),
        '401': errorResponse('invalid_credentials'),
        '429': errorResponse('too_many_attempts (Retry-After says when to try again)'),
      },
    },
  },
  '/v1/auth/logout': {
    post: { summary: 'Sign out (ends this session)', responses: { '200': json(data({ type: 'object' })) } },
  },
  '/v1/auth/me': {
    get: {
      summary: 'Who is signed in',
      responses: { '200': json(data({ type: 'object', properties: { role } })) },
    },
  },
  '/v1/users': {
    get: {
      summary: 'People who can sign in',
      responses: { '200': json(data({ type: 'array', items: user })) },
    },
    post: {
      summary: 'Add a person with a role and an initial password (≥ 12 characters)',
      requestBody: body({
        type: 'object',
        required: ['email', 'name', 'role', 'password'],
        properties: {
          email: { type: 'string' },
          name: { type: 'string' },
          role,
          password: { type: 'string', minLength: 12 },
        },
      }),
      responses: {
        '201': json(data(user), 'Created'),
        '400': errorResponse('Invalid body'),
        '409': errorResponse('email_taken'),
      },
    },
  },
  '/v1/users/{id}': {
    patch: {
      summary: "Change a person's role, name or password, or disable them (their sessions end)",
      parameters: [pathId('User id')],
      requestBody: body({
        type: 'object',
        properties: {
          role,
          name: { type: 'string' },
          disabled: { type: 'boolean' },
          password: { type: 'string' },
        },
      }),
      responses: {
        '200': json(data(user)),
        '404': errorResponse('No such user'),
        '409': errorResponse('last_admin: no enabled admin would remain'),
      },
    },
  },
  '/v1/api-keys': {
    get: { summary: 'API keys, without their secrets', responses: { '200': json(data({ type: 'array' })) } },
    post: {
      summary: 'Create an API key; the whole key is in this answer only',
      requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }),
      responses: {
        '200': json(data({ type: 'object', properties: { id: {}, name: {}, prefix: {}, key: {} } })),
      },
    },
  },
  '/v1/api-keys/{id}': {
    delete: {
      summary: 'Revoke an API key (it stops working at once)',
      parameters: [pathId('API key id')],
      responses: { '200': json(data({ type: 'object' })), '404': errorResponse('No such active key') },
    },
  },
  '/v1/audit-log': {
    get: {
      summary: 'Who did what when, newest first',
      parameters: ['targetType', 'targetId', 'actorId', 'action', 'before', 'limit'].map((name) => ({
        name,
        in: 'query',
        schema: { type: name === 'limit' ? 'integer' : 'string' },
      })),
      responses: { '200': json({ type: 'object', properties: { data: { type: 'array' }, next: {} } }) },
    },
  },
  '/v1/customers': {
    get: {
      summary: 'Find customers by email (or its beginning), phone number, external id or id',
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2 } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
      ],
      responses: { '200': json(data({ type: 'array' })), '400': errorResponse('q missing or too short') },
    },
  },
  '/v1/customers/{id}': {
    get: {
      summary: "One customer's page: profile, value, consent and its history, recent events, messages, runs",
      parameters: [pathId('Customer id or external id')],
      responses: { '200': json(data({ type: 'object' })), '404': errorResponse('No such customer') },
    },
  },
  '/v1/runs/{id}/continue': {
    post: {
      summary: 'End the wait of a run waiting in wait.delay or wait.until now, with a reason (audited)',
      parameters: [pathId('Run id')],
      requestBody: reasonBody,
      responses: {
        '202': json(data({ type: 'object' }), 'The run was told to go on'),
        '400': errorResponse('No reason'),
        '404': errorResponse('No such run'),
        '409': errorResponse('Not running, or not waiting in a delay (not_in_a_delay)'),
      },
    },
  },
  '/v1/runs/{id}/audit': {
    get: {
      summary: "What staff did to this run (the audit log's entries for it)",
      parameters: [pathId('Run id')],
      responses: { '200': json(data({ type: 'array' })), '404': errorResponse('No such run') },
    },
  },
};

export const securitySchemes = {
  session: { type: 'http', scheme: 'bearer', description: 'A session token from POST /v1/auth/login (ws_…)' },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'wp_session',
    description: 'The same token, as the editor sends it',
  },
  apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made by an admin (wp_…)' },
};

type Access = 'public' | 'api_key' | Array<'marketer' | 'support'>;

/** Who may call what, matching the controllers' decorators (admins may call every session route). */
function accessOf(path: string, method: string): Access {
  if (
    path === '/health' ||
    path === '/openapi.json' ||
    path.startsWith('/webhooks/') ||
    path.startsWith('/u/')
  )
    return 'public';
  if (path === '/v1/auth/login') return 'public';
  if (path.startsWith('/v1/events') || (path === '/v1/customers/{externalId}' && method === 'put'))
    return 'api_key';
  if (path.startsWith('/v1/auth/')) return ['marketer', 'support'];
  if (path.startsWith('/v1/users') || path.startsWith('/v1/api-keys') || path === '/v1/audit-log') return [];
  if (path.startsWith('/v1/customers') || path.startsWith('/v1/runs')) return ['support'];
  if (path.startsWith('/v1/outbox')) return ['marketer', 'support'];
  if (path.startsWith('/v1/journeys') && method === 'get' && !path.endsWith('/stats'))
    return ['marketer', 'support'];
  return ['marketer'];
}

/** Adds `security` and `x-roles` to every operation of `paths`. */
export function withAccess<P extends Record<string, Record<string, object>>>(paths: P): P {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const access = accessOf(path, method);
          const security =
            access === 'public'
              ? []
              : access === 'api_key'
                ? [{ apiKey: [] }]
                : [{ session: [] }, { sessionCookie: [] }];
          const roles = Array.isArray(access) ? { 'x-roles': ['admin', ...access] } : {};
          return [method, { ...operation, security, ...roles }];
        }),
      ),
    ]),
  ) as P;
}
