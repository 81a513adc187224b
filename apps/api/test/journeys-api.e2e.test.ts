/** The journey API: drafts, publishing with every problem at once (422), immutable versions. */
import { couponWaitEmail } from './support/journeys';
import { TestStack } from './support/test-stack';

describe('journey API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack().start();
  });

  afterAll(() => stack?.stop());

  it('lists the shipped welcome journey as live, version 1', async () => {
    const res = await stack.request('GET', '/v1/journeys');
    expect(res.status).toBe(200);
    for (const name of ['Welcome coupon', 'Abandoned cart', 'Replenishment', 'We miss you']) {
      expect(res.body.data).toContainEqual(
        expect.objectContaining({ name, status: 'live', publishedVersion: 1 }),
      );
    }
  });

  it('refuses to publish a broken draft, naming every problem on its node, and changes nothing', async () => {
    const broken = couponWaitEmail('customer.updated', 'a while', 'no-such-template');
    broken.edges = broken.edges.filter((e) => e.source !== 'email');
    const created = await stack.request('POST', '/v1/journeys', { name: 'Broken', definition: broken });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'draft', publishedVersion: null });
    const id = created.body.data.id;

    const res = await stack.request('POST', `/v1/journeys/${id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('journey_invalid');
    expect(res.body.error.details.problems).toEqual(
      expect.arrayContaining([
        { nodeId: 'email', code: 'output_not_connected', message: expect.any(String) },
        { nodeId: 'done', code: 'unreachable_node', message: expect.any(String) },
        { nodeId: 'pause', code: 'invalid_duration', message: expect.stringContaining('"a while"') },
        { nodeId: 'email', code: 'template_missing', message: expect.stringContaining('"no-such-template"') },
      ]),
    );
    expect(res.body.error.details.problems).toHaveLength(4);
    expect((await stack.request('GET', `/v1/journeys/${id}/versions`)).body.data).toEqual([]);
    expect((await stack.request('GET', `/v1/journeys/${id}`)).body.data.status).toBe('draft');
  });

  it('refuses an exit rule whose filter reads more than the event', async () => {
    const definition = couponWaitEmail('customer.updated', '1h');
    definition.settings = {
      exitOn: [{ event: 'order.placed', filter: { attribute: 'vip', op: 'eq', value: true } }],
    };
    const { body } = await stack.request('POST', '/v1/journeys', { name: 'Exit on VIP order', definition });
    const res = await stack.request('POST', `/v1/journeys/${body.data.id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems).toEqual([
      {
        nodeId: null,
        code: 'invalid_condition',
        message: expect.stringContaining('exit rule on order.placed'),
      },
    ]);
  });

  it('publishes numbered versions that never change when the draft does', async () => {
    const { body } = await stack.request('POST', '/v1/journeys', {
      name: 'Versions',
      definition: couponWaitEmail('customer.updated', '1h'),
    });
    const id = body.data.id;
    const v1 = await stack.request('POST', `/v1/journeys/${id}/publish`);
    expect(v1.status).toBe(200);
    expect(v1.body.data).toMatchObject({ version: 1, journey: { status: 'live', publishedVersion: 1 } });

    const edited = await stack.request('PUT', `/v1/journeys/${id}/draft`, {
      definition: couponWaitEmail('customer.updated', '2d'),
    });
    expect(edited.status).toBe(200);
    const v2 = await stack.request('POST', `/v1/journeys/${id}/publish`);
    expect(v2.body.data.version).toBe(2);

    const versions = (await stack.request('GET', `/v1/journeys/${id}/versions`)).body.data;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const delay = (v: { definition: { nodes: Array<{ id: string; data: { duration?: string } }> } }) =>
      v.definition.nodes.find((n) => n.id === 'pause')?.data.duration;
    expect(versions.map(delay)).toEqual(['2d', '1h']);
  });

  it('answers bad requests with a code and a message naming the problem', async () => {
    const noName = await stack.request('POST', '/v1/journeys', { definition: { nodes: [], edges: [] } });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('name'),
    });

    const res = await fetch(`${stack.baseUrl}/v1/journeys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');

    const huge = await fetch(`${stack.baseUrl}/v1/journeys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);

    const missing = await stack.request('GET', '/v1/journeys/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await stack.request('GET', '/v1/runs/nope')).status).toBe(404);
    expect((await stack.request('GET', '/v1/customers/nobody/runs')).status).toBe(404);
  });

  it('answers a body that is not JSON with 415 and a method a path does not take with 405, as docs/api.md says', async () => {
    const auth = { authorization: `Bearer ${stack.adminToken}` };
    const before = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM journeys`);
    for (const type of ['text/plain', 'application/xml']) {
      const res = await fetch(`${stack.baseUrl}/v1/journeys`, {
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        body: JSON.stringify({ name: 'not json', definition: { nodes: [], edges: [] } }),
      });
      expect(res.status).toBe(415);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toContain(type);
    }
    const events = await fetch(`${stack.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"type":"a.b","customer":{"id":"c"}}',
    });
    expect(events.status).toBe(415);
    expect(await stack.query(`SELECT count(*)::int AS n FROM journeys`)).toEqual(before);

    const wrong = await fetch(`${stack.baseUrl}/v1/events`, { headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'GET is not allowed here; this path takes POST' },
    });
    const deleted = await fetch(`${stack.baseUrl}/v1/journeys/`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toMatch(/GET.*POST/);
    const byId = await stack.request('PATCH', '/v1/runs/00000000-0000-4000-8000-000000000000/timeline-nope');
    expect(byId.status).toBe(404);
    expect(byId.body.error.code).toBe('not_found');
  });

  it('describes itself at /openapi.json, every route included', async () => {
    const res = await stack.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/webhooks/shopify',
        '/v1/journeys',
        '/v1/journeys/{id}',
        '/v1/journeys/{id}/draft',
        '/v1/journeys/{id}/publish',
        '/v1/journeys/{id}/versions',
        '/v1/journeys/{id}/pause',
        '/v1/journeys/{id}/resume',
        '/v1/journeys/{id}/archive',
        '/v1/journeys/{id}/stats',
        '/v1/customers/{id}/runs',
        '/v1/runs/{id}',
        '/v1/runs/{id}/cancel',
        '/v1/outbox',
        '/v1/outbox/{id}',
        '/u/{token}',
        '/v1/events',
        '/v1/events/batch',
        '/v1/customers/{externalId}',
        '/v1/products/{productId}',
        '/v1/settings/lifecycle',
        '/v1/segments',
        '/v1/segments/{id}/members',
        '/v1/templates/{channel}/{name}',
        '/v1/templates/preview',
        '/webhooks/sendgrid/events',
        '/webhooks/twilio/status',
        '/webhooks/twilio/inbound',
        '/v1/auth/login',
        '/v1/auth/logout',
        '/v1/auth/me',
        '/v1/users',
        '/v1/users/{id}',
        '/v1/api-keys',
        '/v1/api-keys/{id}',
        '/v1/audit-log',
        '/v1/customers',
        '/v1/customers/{id}',
        '/v1/runs/{id}/continue',
        '/v1/runs/{id}/audit',
      ]),
    );
    // Who may call each operation is part of the contract.
    const paths = res.body.paths;
    expect(paths['/webhooks/shopify'].post.security).toEqual([]);
    expect(paths['/v1/auth/login'].post.security).toEqual([]);
    expect(paths['/v1/events'].post.security).toEqual([{ apiKey: [] }]);
    expect(paths['/v1/runs/{id}/cancel'].post['x-roles']).toEqual(['admin', 'support']);
    expect(paths['/v1/users'].get['x-roles']).toEqual(['admin']);
    expect(paths['/v1/journeys'].post['x-roles']).toEqual(['admin', 'marketer']);
    for (const [path, operations] of Object.entries<Record<string, { security?: unknown }>>(paths))
      for (const [method, operation] of Object.entries(operations))
        expect({ path, method, security: Array.isArray(operation.security) }).toEqual({
          path,
          method,
          security: true,
        });
    expect(Object.keys(res.body.components.securitySchemes)).toEqual(['session', 'sessionCookie', 'apiKey']);
  });

  it('reports health of the database and Temporal', async () => {
    const res = await stack.request('GET', '/health');
    expect(res).toEqual({
      status: 200,
      body: { status: 'ok', database: { ok: true }, temporal: { ok: true } },
    });
  });
});
