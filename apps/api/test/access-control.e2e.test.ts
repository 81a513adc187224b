/**
 * Who may do what, through the real API: every role against every class of endpoint (allowed and
 * refused), API keys only on the event and profile API, expired, revoked and disabled
 * credentials, PII unreadable without a session, the sign-in rate limit, the editor's cookie
 * (HttpOnly, SameSite, CSRF header), the first admin, and the audit log of staff actions.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { couponWaitEmail, publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TEST_ADMIN, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

type Caller = 'anonymous' | 'apiKey' | 'marketer' | 'support' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'apiKey', 'marketer', 'support', 'admin'];

describe('access control', () => {
  let stack: TestStack;
  const tokens = {} as Record<Caller, string>;
  let customerId: string;
  let externalId: string;
  let email: string;
  let journeyId: string;
  let runId: string;

  beforeAll(async () => {
    // TRUST_PROXY: the tests play people at different addresses through X-Forwarded-For.
    stack = await new TestStack({ env: { TRUST_PROXY: '1' } }).start();
    tokens.admin = stack.adminToken;
    tokens.marketer = (await stack.personWithRole('marketer')).token;
    tokens.support = (await stack.personWithRole('support')).token;
    tokens.apiKey = await stack.apiKey('access-test');
    tokens.anonymous = '';

    journeyId = await publishJourney(stack, 'Guarded', couponWaitEmail('customer.updated', '1h'));
    const customer = shopifyCustomer();
    externalId = String(customer.id);
    email = String(customer.email);
    const delivered = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(delivered.status).toBe(200);
    const run = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${externalId}/runs`)).body.data ?? [];
      return runs[0]?.waitingFor ? runs[0] : undefined;
    }, 'the run to wait');
    runId = run.id;
    customerId = run.customerId;
  });

  afterAll(() => stack?.stop());

  const as = (
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    stack.request(method, path, body, {
      authorization: tokens[caller] ? `Bearer ${tokens[caller]}` : '',
      ...headers,
    });

  // One request per class of endpoint, and who may make it. Admins may make every session request.
  const matrix: Array<{
    what: string;
    method: string;
    path: () => string;
    body?: unknown;
    allowed: Caller[];
  }> = [
    { what: 'health (public)', method: 'GET', path: () => '/health', allowed: CALLERS },
    { what: 'OpenAPI (public)', method: 'GET', path: () => '/openapi.json', allowed: CALLERS },
    {
      what: 'event API (API key)',
      method: 'POST',
      path: () => '/v1/events',
      body: { type: 'product.viewed', customer: { id: 'matrix-1' }, properties: {} },
      allowed: ['apiKey'],
    },
    {
      what: 'profile API (API key)',
      method: 'PUT',
      path: () => '/v1/customers/matrix-2',
      body: { firstName: 'Matrix' },
      allowed: ['apiKey'],
    },
    {
      what: 'journey list (marketer, support)',
      method: 'GET',
      path: () => '/v1/journeys',
      allowed: ['marketer', 'support', 'admin'],
    },
    {
      what: 'journey version (marketer, support)',
      method: 'GET',
      path: () => `/v1/journeys/${journeyId}/versions`,
      allowed: ['marketer', 'support', 'admin'],
    },
    {
      what: 'journey create (marketer)',
      method: 'POST',
      path: () => '/v1/journeys',
      body: { name: 'x', definition: { nodes: [], edges: [] } },
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'journey stats (marketer)',
      method: 'GET',
      path: () => `/v1/journeys/${journeyId}/stats`,
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'journey pause (marketer)',
      method: 'POST',
      path: () => `/v1/journeys/00000000-0000-4000-8000-000000000000/pause`,
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'templates (marketer)',
      method: 'GET',
      path: () => '/v1/templates',
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'segments (marketer)',
      method: 'GET',
      path: () => '/v1/segments',
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'lifecycle settings (marketer)',
      method: 'GET',
      path: () => '/v1/settings/lifecycle',
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'products (marketer)',
      method: 'GET',
      path: () => '/v1/products',
      allowed: ['marketer', 'admin'],
    },
    {
      what: 'outbox (marketer, support)',
      method: 'GET',
      path: () => '/v1/outbox',
      allowed: ['marketer', 'support', 'admin'],
    },
    {
      what: 'customer search (support)',
      method: 'GET',
      path: () => `/v1/customers?q=${externalId}`,
      allowed: ['support', 'admin'],
    },
    {
      what: 'customer page (support)',
      method: 'GET',
      path: () => `/v1/customers/${externalId}`,
      allowed: ['support', 'admin'],
    },
    {
      what: "customer's runs (support)",
      method: 'GET',
      path: () => `/v1/customers/${externalId}/runs`,
      allowed: ['support', 'admin'],
    },
    { what: 'run (support)', method: 'GET', path: () => `/v1/runs/${runId}`, allowed: ['support', 'admin'] },
    {
      what: 'run cancel (support)',
      method: 'POST',
      path: () => '/v1/runs/00000000-0000-4000-8000-000000000000/cancel',
      body: { reason: 'matrix' },
      allowed: ['support', 'admin'],
    },
    { what: 'people (admin)', method: 'GET', path: () => '/v1/users', allowed: ['admin'] },
    { what: 'API keys (admin)', method: 'GET', path: () => '/v1/api-keys', allowed: ['admin'] },
    { what: 'audit log (admin)', method: 'GET', path: () => '/v1/audit-log', allowed: ['admin'] },
    {
      what: 'store connection status (marketer, support)',
      method: 'GET',
      path: () => '/v1/store/connection',
      allowed: ['marketer', 'support', 'admin'],
    },
    {
      what: 'store disconnect (admin)',
      method: 'DELETE',
      path: () => '/v1/store/connection',
      allowed: ['admin'],
    },
  ];

  it.each(matrix)('$what: allowed for exactly its roles', async ({ method, path, body, allowed }) => {
    for (const caller of CALLERS) {
      const res = await as(caller, method, path(), body);
      const refused = res.status === 401 || res.status === 403;
      if (allowed.includes(caller)) {
        expect({ caller, refused, serverError: res.status >= 500 }).toEqual({
          caller,
          refused: false,
          serverError: false,
        });
      } else {
        // Nobody is told "allowed"; the refusal says why in a code the client can branch on.
        const expected =
          caller === 'anonymous'
            ? { status: 401, code: allowed.includes('apiKey') ? 'missing_api_key' : 'not_signed_in' }
            : caller === 'apiKey'
              ? { status: 403, code: 'session_required' }
              : allowed.includes('apiKey')
                ? { status: 403, code: 'api_key_required' }
                : { status: 403, code: 'forbidden' };
        expect({ caller, status: res.status, code: res.body.error?.code }).toEqual({ caller, ...expected });
      }
    }
  });

  it('lets exactly the roles the OpenAPI document names call every person route, and no API key', async () => {
    const doc = (await stack.request('GET', '/openapi.json')).body;
    const dummy: Record<string, string> = {
      id: '00000000-0000-4000-8000-000000000000',
      channel: 'email',
      name: 'matrix-dummy',
      productId: 'matrix-product',
    };
    let checked = 0;
    for (const [template, operations] of Object.entries<Record<string, { 'x-roles'?: string[] }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const roles = operation['x-roles'];
        // Signing out would end the session the rest of this file uses.
        if (!roles || template === '/v1/auth/logout') continue;
        const path = template.replace(/\{(\w+)\}/g, (_, param: string) => dummy[param] ?? 'matrix');
        const body = method === 'get' || method === 'delete' ? undefined : {};
        for (const caller of ['marketer', 'support', 'admin', 'apiKey'] as const) {
          const res = await as(caller, method.toUpperCase(), path, body);
          const allowed = roles.includes(caller);
          const seen = {
            route: `${method} ${template}`,
            caller,
            refused: res.status === 401 || res.status === 403,
            serverError: res.status >= 500,
          };
          expect(seen).toEqual({ ...seen, refused: !allowed, serverError: false });
          if (!allowed)
            expect(res.body.error.code).toBe(caller === 'apiKey' ? 'session_required' : 'forbidden');
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('names the role a refused person lacks', async () => {
    const res = await as('marketer', 'GET', `/v1/customers/${externalId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('This needs the admin or support role; you are marketer');
  });

  it('does not let anyone read PII without a session, and says nothing about the customer', async () => {
    for (const path of [
      `/v1/customers/${externalId}`,
      `/v1/customers?q=${encodeURIComponent(email)}`,
      `/v1/customers/${externalId}/runs`,
      `/v1/runs/${runId}`,
      '/v1/outbox',
      '/v1/segments',
    ]) {
      for (const caller of ['anonymous', 'apiKey'] as const) {
        const res = await as(caller, 'GET', path);
        expect({ path, caller, status: res.status }).toEqual({
          path,
          caller,
          status: caller === 'anonymous' ? 401 : 403,
        });
        expect(JSON.stringify(res.body)).not.toContain(email);
      }
      for (const bad of ['ws_not-a-real-token', 'garbage']) {
        const res = await stack.request('GET', path, undefined, { authorization: `Bearer ${bad}` });
        expect(res.status).toBe(401);
        expect(JSON.stringify(res.body)).not.toContain(email);
      }
    }
    const page = await as('support', 'GET', `/v1/customers/${externalId}`);
    expect(page.status).toBe(200);
    expect(page.body.data.profile.email).toBe(email);
  });

  it('refuses an expired session, a signed-out one, and those of a disabled or re-roled person', async () => {
    const person = await stack.personWithRole('support');
    const ok = await stack.request('GET', '/v1/auth/me', undefined, {
      authorization: `Bearer ${person.token}`,
    });
    expect(ok.body.data).toMatchObject({ email: person.email, role: 'support' });

    await stack.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      person.id,
    ]);
    const expired = await stack.request('GET', '/v1/outbox', undefined, {
      authorization: `Bearer ${person.token}`,
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');

    const second = await stack.signIn(person.email, person.password);
    const bearer = { authorization: `Bearer ${second}` };
    expect((await stack.request('POST', '/v1/auth/logout', undefined, bearer)).status).toBe(200);
    const signedOut = await stack.request('GET', '/v1/outbox', undefined, bearer);
    expect(signedOut.body.error.code).toBe('session_revoked');

    const third = await stack.signIn(person.email, person.password);
    expect((await stack.request('PATCH', `/v1/users/${person.id}`, { role: 'marketer' })).status).toBe(200);
    const reroled = await stack.request('GET', '/v1/outbox', undefined, { authorization: `Bearer ${third}` });
    expect(reroled.body.error.code).toBe('session_revoked');
    const asMarketer = await stack.signIn(person.email, person.password);
    expect(
      (await stack.request('GET', `/v1/runs/${runId}`, undefined, { authorization: `Bearer ${asMarketer}` }))
        .status,
    ).toBe(403);

    expect((await stack.request('PATCH', `/v1/users/${person.id}`, { disabled: true })).status).toBe(200);
    const disabled = await stack.request('GET', '/v1/journeys', undefined, {
      authorization: `Bearer ${asMarketer}`,
    });
    expect(disabled.status).toBe(401);
    const login = await stack.request(
      'POST',
      '/v1/auth/login',
      { email: person.email, password: person.password },
      { authorization: '' },
    );
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
  });

  it('creates API keys for admins only, shows them once, and revoked keys stop working at once', async () => {
    const created = await stack.request('POST', '/v1/api-keys', { name: 'storefront' });
    expect(created.status).toBe(201);
    const key: string = created.body.data.key;
    expect(key).toMatch(/^wp_[0-9a-f]{8}_/);
    const [stored] = await stack.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE id = $1`, [
      created.body.data.id,
    ]);
    expect(stored.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const listed = await stack.request('GET', '/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.data.find((k: { id: string }) => k.id === created.body.data.id)).toMatchObject({
      name: 'storefront',
      createdBy: TEST_ADMIN.email,
      revokedAt: null,
    });

    const event = { type: 'product.viewed', customer: { id: 'key-user' }, properties: { sku: 'A' } };
    const headers = { authorization: `Bearer ${key}` };
    expect((await stack.request('POST', '/v1/events', event, headers)).status).toBe(202);
    expect((await stack.request('DELETE', `/v1/api-keys/${created.body.data.id}`)).status).toBe(200);
    const refused = await stack.request(
      'POST',
      '/v1/events',
      { ...event, idempotencyKey: 'after-revoke' },
      headers,
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_api_key');
    const [{ n }] = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE idempotency_key LIKE '%after-revoke%'`,
    );
    expect(n).toBe(0);
    expect((await stack.request('DELETE', `/v1/api-keys/${created.body.data.id}`)).status).toBe(404);
    expect((await as('marketer', 'POST', '/v1/api-keys', { name: 'sneaky' })).status).toBe(403);
  });

  it('rate-limits failed sign-ins per email and address, even with the right password, without locking out others', async () => {
    const person = await stack.personWithRole('marketer');
    const from = (address: string) => ({ authorization: '', 'x-forwarded-for': address });
    const attempt = (password: string, address = '203.0.113.5', who = person.email) =>
      stack.request('POST', '/v1/auth/login', { email: who, password }, from(address));
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password!')).status).toBe(401);
    const limited = await attempt(person.password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    const retryAfter = Number(limited.body.error.details.retryAfterSeconds);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    const header = await fetch(`${stack.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(header.status).toBe(429);
    expect(Number(header.headers.get('retry-after'))).toBeGreaterThan(800);
    // The same person from another address, and others from the same address, still get in.
    expect((await attempt(person.password, '198.51.100.7')).status).toBe(200);
    expect((await attempt(TEST_ADMIN.password, '203.0.113.5', TEST_ADMIN.email.toUpperCase())).status).toBe(
      200,
    );
    // Once the window has passed, the first address gets in again.
    await stack.query(
      `UPDATE login_failures SET at = at - interval '16 minutes' WHERE lower(email) = lower($1)`,
      [person.email],
    );
    expect((await attempt(person.password)).status).toBe(200);
  });

  it('counts a burst of parallel sign-ins before checking any password', async () => {
    const person = await stack.personWithRole('support');
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        stack.request(
          'POST',
          '/v1/auth/login',
          { email: person.email, password: 'guess guess guess' },
          { authorization: '', 'x-forwarded-for': '192.0.2.44' },
        ),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('blocks an email sprayed from many addresses only where it failed, so its owner still gets in', async () => {
    const person = await stack.personWithRole('support');
    const signIn = (password: string, address: string) =>
      stack.request(
        'POST',
        '/v1/auth/login',
        { email: person.email, password },
        { authorization: '', 'x-forwarded-for': address },
      );
    for (let i = 0; i < 20; i++)
      expect((await signIn('sprayed guess!', `192.0.2.${100 + i}`)).status).toBe(401);
    expect((await signIn(person.password, '192.0.2.100')).status).toBe(429);
    expect((await signIn(person.password, '198.51.100.200')).status).toBe(200);
  });

  it('signs the editor in with an HttpOnly, SameSite=Strict cookie that needs the CSRF header to change things', async () => {
    const res = await fetch(`${stack.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^wp_session=ws_[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const sessionCookie = cookie.split(';')[0];
    expect(((await res.json()) as { data: { token: string } }).data.token).toBe(
      sessionCookie.slice('wp_session='.length),
    );
    // Signed in by the editor (X-Requested-With), the token is only in the HttpOnly cookie.
    const editorLogin = await fetch(`${stack.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'waypoint-editor' },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(editorLogin.status).toBe(200);
    expect(((await editorLogin.json()) as { data: object }).data).not.toHaveProperty('token');
    expect(editorLogin.headers.get('set-cookie')).toMatch(/^wp_session=ws_/);
    const read = await stack.request('GET', '/v1/auth/me', undefined, {
      authorization: '',
      cookie: sessionCookie,
    });
    expect(read.body.data.email).toBe(TEST_ADMIN.email);

    const journey = { name: 'By cookie', definition: { nodes: [], edges: [] } };
    const forged = await stack.request('POST', '/v1/journeys', journey, {
      authorization: '',
      cookie: sessionCookie,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_header_missing');
    const [{ n }] = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journeys WHERE name = 'By cookie'`,
    );
    expect(n).toBe(0);
    const editor = await stack.request('POST', '/v1/journeys', journey, {
      authorization: '',
      cookie: sessionCookie,
      'x-requested-with': 'waypoint-editor',
    });
    expect(editor.status).toBe(201);
  });

  it('refuses bad input for people with a clear error and changes nothing', async () => {
    const short = await stack.request('POST', '/v1/users', {
      email: 'a@b.c',
      name: 'A',
      role: 'support',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('password: must be at least 12 characters');
    const role = await stack.request('POST', '/v1/users', {
      email: 'a@b.c',
      name: 'A',
      role: 'owner',
      password: 'long enough password',
    });
    expect(role.status).toBe(400);
    expect(role.body.error.message).toContain('role');
    const taken = await stack.request('POST', '/v1/users', {
      email: TEST_ADMIN.email.toUpperCase(),
      name: 'Again',
      role: 'support',
      password: 'long enough password',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    const [{ n }] = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE email = 'a@b.c'`,
    );
    expect(n).toBe(0);

    const [admin] = await stack.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [
      TEST_ADMIN.email,
    ]);
    const lockout = await stack.request('PATCH', `/v1/users/${admin.id}`, { disabled: true });
    expect(lockout.status).toBe(409);
    expect(lockout.body.error.code).toBe('last_admin');
    const demotion = await stack.request('PATCH', `/v1/users/${admin.id}`, { role: 'marketer' });
    expect(demotion.status).toBe(409);
    expect(demotion.body.error.code).toBe('last_admin');
    const [still] = await stack.query<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [admin.id]);
    expect(still.role).toBe('admin');
    expect((await stack.request('GET', '/v1/auth/me')).status).toBe(200);
  });

  it('lets whoever runs the server make a locked-out person an admin again (reset-admin CLI), audited', async () => {
    const person = await stack.personWithRole('support');
    expect((await stack.request('PATCH', `/v1/users/${person.id}`, { disabled: true })).status).toBe(200);
    const { execFileSync } = await import('node:child_process');
    const cli = join(__dirname, '../dist/cli/reset-admin.js');
    const out = execFileSync(process.execPath, [cli, person.email], {
      env: { ...process.env, DATABASE_URL: stack.db.url, WAYPOINT_ADMIN_PASSWORD: 'a brand new password' },
      encoding: 'utf8',
    });
    expect(out).toContain(`${person.email} is an admin`);
    const token = await stack.signIn(person.email, 'a brand new password');
    const me = await stack.request('GET', '/v1/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(me.body.data).toMatchObject({ email: person.email, role: 'admin' });
    const old = await stack.request(
      'POST',
      '/v1/auth/login',
      { email: person.email, password: person.password },
      {
        authorization: '',
        'x-forwarded-for': '198.51.100.77',
      },
    );
    expect(old.status).toBe(401);
    const [entry] = await stack.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_log WHERE target_id = $1 AND action <> 'user.login' ORDER BY id DESC LIMIT 1`,
      [person.id],
    );
    expect(entry).toEqual({ action: 'user.reset_admin', actor_label: 'reset-admin CLI' });
    // A password under 12 characters is refused and changes nothing.
    expect(() =>
      execFileSync(process.execPath, [cli, person.email], {
        env: { ...process.env, DATABASE_URL: stack.db.url, WAYPOINT_ADMIN_PASSWORD: 'short' },
        stdio: 'pipe',
      }),
    ).toThrow();
    expect((await stack.signIn(person.email, 'a brand new password')).startsWith('ws_')).toBe(true);
  });

  it('ends the sign-in lockout of the email it resets (reset-admin CLI), and says so', async () => {
    const person = await stack.personWithRole('admin');
    const login = (password: string) =>
      stack.request(
        'POST',
        '/v1/auth/login',
        { email: person.email, password },
        { authorization: '', 'x-forwarded-for': '203.0.113.61' },
      );
    for (let i = 0; i < 5; i++) expect((await login('wrong password!')).status).toBe(401);
    expect((await login(person.password)).status).toBe(429);
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      process.execPath,
      [join(__dirname, '../dist/cli/reset-admin.js'), person.email],
      {
        env: { ...process.env, DATABASE_URL: stack.db.url, WAYPOINT_ADMIN_PASSWORD: 'after the lockout pw' },
        encoding: 'utf8',
      },
    );
    expect(out).toContain(`Cleared 5 failed sign-ins for ${person.email}`);
    expect((await login('after the lockout pw')).status).toBe(200);
  });

  it('stores passwords only as scrypt hashes', async () => {
    const rows = await stack.query<{ password_hash: string }>(`SELECT password_hash FROM users`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(row.password_hash).not.toContain(TEST_ADMIN.password);
    }
  });

  it('writes who cancelled a run, when and why to the audit log, readable by admins and on the run', async () => {
    const support = await stack.personWithRole('support', 'sam.support@test.local');
    const res = await stack.request(
      'POST',
      `/v1/runs/${runId}/cancel`,
      { reason: 'customer asked by phone' },
      {
        authorization: `Bearer ${support.token}`,
      },
    );
    expect(res.status).toBe(202);
    const ended = await eventually(async () => {
      const run = (await stack.request('GET', `/v1/runs/${runId}`)).body.data;
      return run.status === 'cancelled' ? run : undefined;
    }, 'the run to be cancelled');
    expect(ended.statusReason).toBe(
      'cancelled by Test support <sam.support@test.local>: customer asked by phone',
    );

    const log = await stack.request('GET', `/v1/audit-log?targetType=run&targetId=${runId}`);
    expect(log.body.data).toEqual([
      expect.objectContaining({
        action: 'run.cancel',
        actor: { type: 'user', id: support.id, label: 'Test support <sam.support@test.local>' },
        target: { type: 'run', id: runId },
        reason: 'customer asked by phone',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    const onRun = await stack.request('GET', `/v1/runs/${runId}/audit`, undefined, {
      authorization: `Bearer ${support.token}`,
    });
    expect(onRun.body.data.map((e: { action: string }) => e.action)).toEqual(['run.cancel']);
    const actions = (await stack.request('GET', '/v1/audit-log?limit=500')).body.data.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'user.login',
        'journey.publish',
        'api_key.create',
        'api_key.revoke',
        'user.update',
      ]),
    );
    expect(customerId).toBeTruthy();
  });
});

describe('the first admin of a new install', () => {
  it('is created with a random password printed once when none is configured, and only once', async () => {
    const stack = new TestStack({
      env: { WAYPOINT_ADMIN_EMAIL: '', WAYPOINT_ADMIN_PASSWORD: '' },
      signIn: false,
    });
    try {
      await stack.start();
      const printed = await eventually(
        async () => /sign in as (\S+) with password (\S+)/.exec(stack.logs()) ?? undefined,
        'the first admin to be printed',
      );
      expect(printed[1]).toBe('admin@localhost');
      const token = await stack.signIn(printed[1], printed[2]);
      const me = await stack.request('GET', '/v1/auth/me', undefined, { authorization: `Bearer ${token}` });
      expect(me.body.data).toMatchObject({ email: 'admin@localhost', role: 'admin' });
      const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
      expect(n).toBe(1);
    } finally {
      await stack.stop();
    }
  });
});
