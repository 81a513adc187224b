/**
 * Connecting a Shopify store through the real API, against the local Admin API (ShopifyAdminStub)
 * with Shopify's own client: a wrong token is refused with the store's reason and changes
 * nothing; connecting registers a webhook subscription for every topic the engine maps, and
 * connecting again creates none; the token and secret are sealed and never answered; only admins
 * change the connection; a delivery signed with the connection's webhook secret is accepted at
 * once; testing reads the shop and its subscriptions again; disconnecting forgets it all.
 */
import { ShopifyAdminStub } from '@waypoint/testing';
import { WAYPOINT_WEBHOOK_TOPICS } from '@waypoint/shopify';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { TestStack } from './support/test-stack';

jest.setTimeout(120_000);

const TOKEN = 'shpat_store_connection_test_token';
const WEBHOOK_SECRET = 'connection-webhook-secret-9f2c';
const TOPICS = [...WAYPOINT_WEBHOOK_TOPICS].sort();

describe('the store connection', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  let stack: TestStack;
  let marketer: string;
  let support: string;

  beforeAll(async () => {
    await stub.start();
    // No SHOPIFY_WEBHOOK_SECRET and no SHOPIFY_SHOP: the store and its secret come from the settings page.
    stack = await new TestStack({
      env: {
        SHOPIFY_API_URL: stub.url,
        SHOPIFY_WEBHOOK_SECRET: '',
        SHOPIFY_SHOP: '',
        SHOPIFY_ADMIN_TOKEN: '',
      },
    }).start();
    marketer = (await stack.personWithRole('marketer')).token;
    support = (await stack.personWithRole('support')).token;
  });

  afterAll(async () => {
    await stack?.stop();
    await stub.stop();
  });

  const as = (token: string, method: string, path: string, body?: unknown) =>
    stack.request(method, path, body, { authorization: `Bearer ${token}` });
  const connect = (body: Record<string, unknown>) => stack.request('PUT', '/v1/store/connection', body);
  const stored = () => stack.query<Record<string, unknown>>(`SELECT * FROM store_connection`);
  const auditActions = async () =>
    ((await stack.request('GET', '/v1/audit-log?limit=200')).body.data as Array<{ action: string }>).map(
      (entry) => entry.action,
    );
  const customerDelivery = (secret: string) =>
    deliver(stack.baseUrl, signedDelivery('customers/create', shopifyCustomer(), secret));

  it('starts with no store, and refuses deliveries it has no secret to verify', async () => {
    const status = await stack.request('GET', '/v1/store/connection');
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({
      connected: false,
      source: null,
      shop: null,
      webhookSecret: null,
      webhooks: [],
      webhookUrl: `${stack.baseUrl}/webhooks/shopify`,
    });
    const refused = await customerDelivery(WEBHOOK_SECRET);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('webhook_not_configured');
    const test = await stack.request('POST', '/v1/store/connection/test');
    expect(test.status).toBe(409);
    expect(test.body.error.code).toBe('store_not_connected');
  });

  it('refuses a wrong token with the store reason, storing and registering nothing', async () => {
    const wrong = await connect({ shop: 'waypoint-test.myshopify.com', adminToken: 'shpat_wrong' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('store_token_refused');
    expect(wrong.body.error.message).toContain('waypoint-test.myshopify.com refused the Admin API token');
    expect(wrong.body.error.message).toContain('Invalid API key or access token');
    expect(await stored()).toEqual([]);
    expect(stub.store.webhookSubscriptions).toEqual([]);
    expect(stub.requestsFor('webhookSubscriptionCreate')).toEqual([]);
    expect(await auditActions()).not.toContain('store.connect');

    const notAShop = await connect({ shop: 'not a shop!', adminToken: TOKEN });
    expect(notAShop.status).toBe(400);
    expect(notAShop.body.error.message).toContain('shop');
    expect(await stored()).toEqual([]);
  });

  it('lets only admins connect, test and disconnect; marketers and support read the status', async () => {
    for (const token of [marketer, support]) {
      const put = await as(token, 'PUT', '/v1/store/connection', {
        shop: 'waypoint-test',
        adminToken: TOKEN,
      });
      expect({ status: put.status, code: put.body.error?.code }).toEqual({ status: 403, code: 'forbidden' });
      expect((await as(token, 'POST', '/v1/store/connection/test')).status).toBe(403);
      expect((await as(token, 'DELETE', '/v1/store/connection')).status).toBe(403);
      expect((await as(token, 'GET', '/v1/store/connection')).status).toBe(200);
    }
    expect(await stored()).toEqual([]);
    expect(stub.requests.filter((r) => r.accessToken === TOKEN)).toEqual([]);
  });

  it('connects: checks the shop, seals the token, registers every mapped topic once', async () => {
    const connected = await connect({
      shop: 'Waypoint-Test',
      adminToken: TOKEN,
      webhookSecret: WEBHOOK_SECRET,
    });
    expect(connected.status).toBe(200);
    const callback = `${stack.baseUrl}/webhooks/shopify`;
    expect(connected.body.data).toMatchObject({
      connected: true,
      source: 'settings',
      shop: 'waypoint-test.myshopify.com',
      shopName: 'Waypoint Test Store',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
      apiVersion: '2026-04',
      webhookUrl: callback,
      webhookSecret: 'settings',
      connectedBy: expect.stringContaining('admin@test.local'),
      checkedAt: expect.any(String),
    });
    const webhooks = connected.body.data.webhooks as Array<Record<string, unknown>>;
    expect(webhooks.map((w) => w.topic).sort()).toEqual(TOPICS);
    expect(webhooks.find((w) => w.topic === 'ORDERS_PAID')).toEqual({
      topic: 'ORDERS_PAID',
      delivery: 'orders/paid',
      state: 'registered',
      subscriptionId: expect.stringMatching(/^gid:\/\/shopify\/WebhookSubscription\//),
      error: null,
    });
    expect(webhooks.every((w) => w.state === 'registered')).toBe(true);
    expect(stub.store.webhookSubscriptions.map((s) => s.topic).sort()).toEqual(TOPICS);
    expect(stub.store.webhookSubscriptions.every((s) => s.uri === callback && s.format === 'JSON')).toBe(
      true,
    );
    expect(stub.requestsFor('webhookSubscriptionCreate')).toHaveLength(TOPICS.length);

    const [row] = await stored();
    expect(String(row.admin_token_sealed)).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(WEBHOOK_SECRET);
    expect(await auditActions()).toContain('store.connect');

    // Connecting again keeps every subscription and creates none.
    const again = await connect({ shop: 'waypoint-test.myshopify.com', adminToken: TOKEN });
    expect(again.status).toBe(200);
    expect(again.body.data.webhookSecret).toBe('settings');
    expect(stub.requestsFor('webhookSubscriptionCreate')).toHaveLength(TOPICS.length);
    expect(stub.store.webhookSubscriptions).toHaveLength(TOPICS.length);
    expect(
      (again.body.data.webhooks as Array<{ subscriptionId: string }>).map((w) => w.subscriptionId),
    ).toEqual(webhooks.map((w) => w.subscriptionId));
  });

  it('never answers the token or the webhook secret, to anyone', async () => {
    const answers = [
      await stack.request('GET', '/v1/store/connection'),
      await as(marketer, 'GET', '/v1/store/connection'),
      await as(support, 'GET', '/v1/store/connection'),
      await stack.request('POST', '/v1/store/connection/test'),
      await stack.request('GET', '/v1/audit-log?limit=200'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(TOKEN);
      expect(JSON.stringify(answer.body)).not.toContain(WEBHOOK_SECRET);
    }
    expect(answers[1].body.data).toMatchObject({ connected: true, shopName: 'Waypoint Test Store' });
  });

  it("accepts a delivery signed with the connection's webhook secret at once, and no other", async () => {
    const accepted = await customerDelivery(WEBHOOK_SECRET);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.status).toBe('accepted');
    const forged = await customerDelivery('another-secret');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_signature');
  });

  it('tests the connection: reads the shop and its subscriptions again and keeps what it read', async () => {
    const before = (await stack.request('GET', '/v1/store/connection')).body.data;
    stub.store.shop.name = 'Waypoint Renamed';
    const removed = stub.store.webhookSubscriptions.findIndex((s) => s.topic === 'ORDERS_CANCELLED');
    stub.store.webhookSubscriptions.splice(removed, 1);
    const creates = stub.requestsFor('webhookSubscriptionCreate').length;

    const tested = await stack.request('POST', '/v1/store/connection/test');
    expect(tested.status).toBe(200);
    expect(tested.body.data.shopName).toBe('Waypoint Renamed');
    expect(tested.body.data.checkedAt > before.checkedAt).toBe(true);
    const states = Object.fromEntries(
      (tested.body.data.webhooks as Array<{ topic: string; state: string }>).map((w) => [w.topic, w.state]),
    );
    expect(states.ORDERS_CANCELLED).toBe('missing');
    expect(Object.values(states).filter((s) => s === 'registered')).toHaveLength(TOPICS.length - 1);
    expect(stub.requestsFor('webhookSubscriptionCreate')).toHaveLength(creates);
    expect((await as(support, 'GET', '/v1/store/connection')).body.data).toMatchObject({
      shopName: 'Waypoint Renamed',
      checkedAt: tested.body.data.checkedAt,
    });

    // Connecting again puts back only what is missing.
    const reconnected = await connect({ shop: 'waypoint-test', adminToken: TOKEN });
    expect(reconnected.status).toBe(200);
    expect(stub.requestsFor('webhookSubscriptionCreate')).toHaveLength(creates + 1);
    expect(
      (reconnected.body.data.webhooks as Array<{ state: string }>).every((w) => w.state === 'registered'),
    ).toBe(true);
  });

  it('disconnects: forgets the credentials and the secret, audited', async () => {
    const gone = await stack.request('DELETE', '/v1/store/connection');
    expect(gone.status).toBe(200);
    expect(gone.body.data).toMatchObject({ connected: false, source: null, webhookSecret: null });
    expect(await stored()).toEqual([]);
    expect(await auditActions()).toContain('store.disconnect');
    const refused = await customerDelivery(WEBHOOK_SECRET);
    expect(refused.status).toBe(401);
    expect((await stack.request('POST', '/v1/store/connection/test')).status).toBe(409);
    // Disconnecting what is not connected changes nothing and says so.
    const again = await stack.request('DELETE', '/v1/store/connection');
    expect(again.status).toBe(200);
    expect(again.body.data.connected).toBe(false);
  });
});
