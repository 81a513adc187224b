/**
 * ShopifyAdmin through the real @shopify/admin-api-client against a local server speaking the
 * Admin GraphQL API: where requests go, the connection check, and how failures are handled
 * (throttling waits what the bucket says, 5xx/network back off, a wrong token is named).
 */
import { ShopifyAdminStub } from '@waypoint/testing';
import { ShopifyAdmin, type ShopifyAdminOptions } from '../src/shopify-admin';
import { ShopifyAuthError, ShopifyError } from '../src/shopify.errors';

const TOKEN = 'shpat_unit_test_token';
const SHOP = 'waypoint-test.myshopify.com';

describe('ShopifyAdmin', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.refillBucket();
    stub.store.localesScope = true;
  });

  function admin(options: ShopifyAdminOptions = {}, token = TOKEN): ShopifyAdmin {
    return new ShopifyAdmin(
      { shop: SHOP, accessToken: token, apiVersion: '2025-10', apiUrl: stub.url },
      { backoffMs: 5, maxBackoffMs: 20, log: () => undefined, ...options },
    );
  }

  it('sends to {SHOPIFY_API_URL}/admin/api/{version}/graphql.json with the token and reads the shop', async () => {
    const info = await admin().shopInfo();
    expect(info).toEqual({
      name: 'Waypoint Test Store',
      currencyCode: 'EUR',
      ianaTimezone: 'Europe/Paris',
      myshopifyDomain: 'waypoint-test.myshopify.com',
      primaryLocale: 'fr',
      localeUnavailable: null,
    });
    expect(stub.requests.map((r) => [r.apiVersion, r.accessToken, r.rootFields])).toEqual([
      ['2025-10', TOKEN, ['shop']],
      ['2025-10', TOKEN, ['shopLocales']],
    ]);
  });

  it('still reads the shop when the token may not read locales, saying why the locale is unknown', async () => {
    stub.store.localesScope = false;
    const info = await admin().shopInfo();
    expect(info.name).toBe('Waypoint Test Store');
    expect(info.primaryLocale).toBeNull();
    expect(info.localeUnavailable).toContain('read_locales');
  });

  it('names the shop when the token is wrong, without retrying', async () => {
    const error = await admin({}, 'shpat_wrong')
      .shopInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect((error as ShopifyAuthError).message).toBe(
      `Shopify store ${SHOP} refused the Admin API token: [API] Invalid API key or access token ` +
        '(unrecognized login or wrong password) (HTTP 401)',
    );
    expect((error as ShopifyAuthError).retryable).toBe(false);
    expect(stub.requests).toHaveLength(1);
  });

  it('waits what the throttle status says after THROTTLED, then succeeds', async () => {
    // The bucket is emptied: the shop query (cost 1) needs 1 point at 100 a second, so 10 ms,
    // but the client never waits less than its floor (150 ms here).
    stub.queue({ kind: 'throttled', currentlyAvailable: 0, rootField: 'shop' });
    const info = await admin({ minThrottleWaitMs: 150 }).shopInfo();
    expect(info.currencyCode).toBe('EUR');
    const shopCalls = stub.requestsFor('shop');
    expect(shopCalls.map((r) => r.outcome)).toEqual(['throttled', 'ok']);
    expect(shopCalls[1].at - shopCalls[0].at).toBeGreaterThanOrEqual(145);
  });

  it('waits (requestedQueryCost - currentlyAvailable) / restoreRate when the bucket is short', async () => {
    const slow = new ShopifyAdminStub({
      accessToken: TOKEN,
      bucket: { maximumAvailable: 50, restoreRate: 50 },
    });
    await slow.start();
    try {
      const client = new ShopifyAdmin(
        { shop: SHOP, accessToken: TOKEN, apiVersion: '2025-10', apiUrl: slow.url },
        { minThrottleWaitMs: 1, log: () => undefined },
      );
      // A bucket holding 0 points and a mutation asking 10 at 50 a second: 200 ms.
      slow.queue({ kind: 'throttled', currentlyAvailable: 0 });
      await client.updateEmailMarketingConsent('1', 'UNSUBSCRIBED', '2026-01-01T00:00:00Z');
      const throttled = slow.requests[0];
      const landed = slow.requests[slow.requests.length - 1];
      expect([throttled.outcome, landed.outcome]).toEqual(['throttled', 'ok']);
      expect(landed.at - throttled.at).toBeGreaterThanOrEqual(195);
      expect(slow.store.consentUpdates).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });

  it('honours Retry-After on an HTTP 429 without a cost in the body', async () => {
    stub.queue({
      kind: 'http',
      status: 429,
      body: { errors: 'Throttled' },
      headers: { 'Retry-After': '0.3' },
    });
    await admin({ minThrottleWaitMs: 1 }).shopInfo();
    const [refused, answered] = stub.requestsFor('shop');
    expect([refused.status, answered.outcome]).toEqual([429, 'ok']);
    expect(answered.at - refused.at).toBeGreaterThanOrEqual(295);
  });

  it('retries 5xx and dropped connections with backoff, then answers', async () => {
    stub.queue({ kind: 'http', status: 503 }, { kind: 'drop' }, { kind: 'http', status: 500 });
    const info = await admin().shopInfo();
    expect(info.name).toBe('Waypoint Test Store');
    expect(stub.requestsFor('shop').map((r) => r.outcome)).toEqual(['http', 'dropped', 'http', 'ok']);
  });

  it('gives up after the bounded retries with a retryable error naming the shop', async () => {
    stub.queue(...Array.from({ length: 3 }, () => ({ kind: 'http' as const, status: 502 })));
    const error = await admin({ maxRetries: 2 })
      .shopInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyError);
    expect(error).toMatchObject({ code: 'shopify_unavailable', retryable: true });
    expect((error as Error).message).toContain(SHOP);
    expect(stub.requests).toHaveLength(3);
  });

  it('does not retry a query the schema refuses', async () => {
    const error = await admin()
      .request('query { shop { name noSuchField } }')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'shopify_request', retryable: false });
    expect((error as Error).message).toContain("Field 'noSuchField' doesn't exist on type 'Shop'");
    expect(stub.requests).toHaveLength(1);
  });

  it('refuses an API version older than the queries fit, at construction', () => {
    expect(() => new ShopifyAdmin({ shop: SHOP, accessToken: TOKEN, apiVersion: '2025-07' })).toThrow(
      'SHOPIFY_API_VERSION 2025-07 is older than 2025-10',
    );
  });
});
