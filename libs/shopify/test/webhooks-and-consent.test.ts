/**
 * Webhook registration on connect (idempotent, every page of existing subscriptions read) and the
 * consent write-back, through the real client against the local Admin API.
 */
import { ShopifyAdminStub } from '@waypoint/testing';
import { ShopifyAdmin } from '../src/shopify-admin';
import { ShopifyUserError } from '../src/shopify.errors';
import { WAYPOINT_WEBHOOK_TOPICS, webhookTopicHeader } from '../src/webhook-subscriptions';

const TOKEN = 'shpat_unit_test_token';
const CALLBACK = 'https://waypoint.example/webhooks/shopify';

describe('Shopify webhooks and consent', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  let admin: ShopifyAdmin;
  beforeAll(async () => {
    await stub.start();
    admin = new ShopifyAdmin(
      { shop: 'waypoint-test.myshopify.com', accessToken: TOKEN, apiVersion: '2025-10', apiUrl: stub.url },
      { backoffMs: 5, log: () => undefined },
    );
  });
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.refillBucket();
    stub.store.webhookSubscriptions.length = 0;
    stub.store.consentUpdates.length = 0;
  });

  it('creates each missing topic once; a second ensure keeps them all', async () => {
    const first = await admin.ensureWebhookSubscriptions(CALLBACK, WAYPOINT_WEBHOOK_TOPICS);
    expect(first.map((s) => [s.topic, s.state])).toEqual(WAYPOINT_WEBHOOK_TOPICS.map((t) => [t, 'created']));
    const second = await admin.ensureWebhookSubscriptions(CALLBACK, WAYPOINT_WEBHOOK_TOPICS);
    expect(second.map((s) => s.state)).toEqual(WAYPOINT_WEBHOOK_TOPICS.map(() => 'existing'));
    expect(second.map((s) => s.subscriptionId)).toEqual(first.map((s) => s.subscriptionId));
    expect(stub.store.webhookSubscriptions.map((s) => [s.topic, s.uri, s.format])).toEqual(
      WAYPOINT_WEBHOOK_TOPICS.map((t) => [t, CALLBACK, 'JSON']),
    );
    expect(stub.requestsFor('webhookSubscriptionCreate')).toHaveLength(WAYPOINT_WEBHOOK_TOPICS.length);
  });

  it('reads every page of existing subscriptions and leaves other addresses alone', async () => {
    for (let i = 0; i < 150; i++)
      stub.store.webhookSubscriptions.push({
        id: `gid://shopify/WebhookSubscription/${i + 1}`,
        topic: 'ORDERS_PAID',
        uri: `https://old-${i}.example/hooks`,
        format: 'JSON',
        createdAt: '2026-01-01T00:00:00Z',
      });
    await admin.ensureWebhookSubscriptions(CALLBACK, ['ORDERS_PAID']);
    const again = await admin.ensureWebhookSubscriptions(CALLBACK, ['ORDERS_PAID']);
    expect(again).toEqual([
      { topic: 'ORDERS_PAID', state: 'existing', subscriptionId: expect.any(String), error: null },
    ]);
    expect(stub.store.webhookSubscriptions).toHaveLength(151);
    expect(stub.requestsFor('webhookSubscriptions').length).toBeGreaterThanOrEqual(4);
  });

  it('reports a topic the store refuses as failed, with its message, and registers the others', async () => {
    const statuses = await admin.ensureWebhookSubscriptions('', ['ORDERS_CREATE']);
    expect(statuses).toEqual([
      { topic: 'ORDERS_CREATE', state: 'failed', subscriptionId: null, error: "Address can't be blank" },
    ]);
  });

  it('maps enum topics to the X-Shopify-Topic header the deliveries carry', () => {
    expect(WAYPOINT_WEBHOOK_TOPICS.map(webhookTopicHeader)).toEqual([
      'customers/create',
      'customers/update',
      'checkouts/create',
      'checkouts/update',
      'orders/create',
      'orders/paid',
      'orders/fulfilled',
      'orders/cancelled',
      'fulfillments/create',
      'fulfillments/update',
      'products/create',
      'products/update',
      'products/delete',
      'inventory_levels/update',
    ]);
    expect(webhookTopicHeader('BULK_OPERATIONS_FINISH')).toBe('bulk_operations/finish');
  });

  it('writes an unsubscribe and a STOP back with the time consent changed', async () => {
    await admin.updateEmailMarketingConsent(
      'gid://shopify/Customer/42',
      'UNSUBSCRIBED',
      '2026-11-30T10:00:00Z',
    );
    await admin.updateSmsMarketingConsent(
      '42',
      'UNSUBSCRIBED',
      new Date('2026-11-30T10:05:00Z'),
      'SINGLE_OPT_IN',
    );
    expect(stub.store.consentUpdates).toEqual([
      {
        channel: 'email',
        customerId: 'gid://shopify/Customer/42',
        marketingState: 'UNSUBSCRIBED',
        marketingOptInLevel: null,
        consentUpdatedAt: '2026-11-30T10:00:00.000Z',
      },
      {
        channel: 'sms',
        customerId: 'gid://shopify/Customer/42',
        marketingState: 'UNSUBSCRIBED',
        marketingOptInLevel: 'SINGLE_OPT_IN',
        consentUpdatedAt: '2026-11-30T10:05:00.000Z',
      },
    ]);
  });

  it('surfaces a refused consent update as a ShopifyUserError', async () => {
    const error = await admin
      .updateEmailMarketingConsent('not-a-customer', 'UNSUBSCRIBED', '2026-11-30T10:00:00Z')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).storeMessage).toBe('Customer not found');
    expect(stub.store.consentUpdates).toHaveLength(0);
  });
});
