/**
 * Discount codes created in the store through the real client against the local Admin API:
 * limited to one customer, one use, the node's expiry; idempotent under retries and lost
 * answers; a refusal surfaces the store's message and creates nothing.
 */
import { ShopifyAdminStub } from '@waypoint/testing';
import { ShopifyAdmin } from '../src/shopify-admin';
import { ShopifyUserError } from '../src/shopify.errors';

const TOKEN = 'shpat_unit_test_token';
const CUSTOMER = 'gid://shopify/Customer/7001';
const ENDS_AT = '2027-03-01T00:00:00.000Z';

describe('createCustomerDiscountCode', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  let admin: ShopifyAdmin;
  beforeAll(async () => {
    await stub.start();
    admin = new ShopifyAdmin(
      { shop: 'waypoint-test', accessToken: TOKEN, apiVersion: '2025-10', apiUrl: stub.url },
      { backoffMs: 5, minThrottleWaitMs: 20, log: () => undefined },
    );
  });
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.refillBucket();
    stub.store.discounts.clear();
  });

  it('creates a percentage code for that customer only, one use, with its expiry', async () => {
    const result = await admin.createCustomerDiscountCode({
      code: 'WELCOME-7Q2K',
      title: 'Welcome 15%',
      kind: 'percent',
      value: 15,
      customerGid: CUSTOMER,
      endsAt: ENDS_AT,
    });
    const stored = stub.store.discount('WELCOME-7Q2K')!;
    expect(result).toEqual({ discountId: stored.id, created: true });
    expect(stored).toMatchObject({
      type: 'DiscountCodeBasic',
      title: 'Welcome 15%',
      customerIds: [CUSTOMER],
      usageLimit: 1,
      appliesOncePerCustomer: true,
      endsAt: ENDS_AT,
      value: { percentage: 0.15 },
    });
    expect(stub.requests.map((r) => r.rootFields[0])).toEqual([
      'codeDiscountNodeByCode',
      'discountCodeBasicCreate',
    ]);
  });

  it('creates fixed-amount and free-shipping codes, a numeric customer id made a gid', async () => {
    await admin.createCustomerDiscountCode({
      code: 'FIVE-OFF',
      title: '5 off',
      kind: 'fixed',
      value: 5,
      currency: 'eur',
      customerGid: '7001',
      endsAt: ENDS_AT,
    });
    await admin.createCustomerDiscountCode({
      code: 'SHIP-FREE',
      title: 'Free shipping',
      kind: 'free_shipping',
      value: 0,
      customerGid: CUSTOMER,
      endsAt: null,
    });
    expect(stub.store.discount('FIVE-OFF')).toMatchObject({
      customerIds: [CUSTOMER],
      value: { amount: '5.00', appliesOnEachItem: false },
    });
    expect(stub.store.discount('SHIP-FREE')).toMatchObject({
      type: 'DiscountCodeFreeShipping',
      customerIds: [CUSTOMER],
      usageLimit: 1,
      endsAt: null,
      value: null,
    });
  });

  it('without a customer, makes a one-use code any buyer may use (context all: ALL)', async () => {
    await admin.createCustomerDiscountCode({
      code: 'ANYONE-9X',
      title: 'For a customer the store does not know yet',
      kind: 'percent',
      value: 10,
      customerGid: null,
      endsAt: ENDS_AT,
    });
    expect(stub.store.discount('ANYONE-9X')).toMatchObject({
      customerIds: [],
      usageLimit: 1,
      endsAt: ENDS_AT,
    });
    const create = stub.requestsFor('discountCodeBasicCreate')[0];
    expect((create.variables.basicCodeDiscount as { context: unknown }).context).toEqual({ all: 'ALL' });
  });

  it('finds a code already created with codeDiscountNodeByCode instead of creating it twice', async () => {
    const input = {
      code: 'COMEBACK-AB12',
      title: 'We miss you',
      kind: 'percent' as const,
      value: 10,
      customerGid: CUSTOMER,
      endsAt: ENDS_AT,
    };
    const first = await admin.createCustomerDiscountCode(input);
    // The activity retried (or the worker restarted) before it recorded the id; codes are case-insensitive.
    const again = await admin.createCustomerDiscountCode({ ...input, code: 'comeback-ab12' });
    expect(again).toEqual({ discountId: first.discountId, created: false });
    expect(stub.store.discounts.size).toBe(1);
    expect(stub.requestsFor('discountCodeBasicCreate')).toHaveLength(1);
  });

  it('keeps one code when the create ran but its answer was lost (the retry is refused as TAKEN)', async () => {
    stub.queue({ kind: 'drop', afterExecuting: true, rootField: 'discountCodeBasicCreate' });
    const result = await admin.createCustomerDiscountCode({
      code: 'LOST-ANSWER',
      title: 'Lost answer',
      kind: 'percent',
      value: 20,
      customerGid: CUSTOMER,
      endsAt: ENDS_AT,
    });
    expect(stub.requestsFor('discountCodeBasicCreate').map((r) => r.outcome)).toEqual(['dropped', 'ok']);
    expect(result).toEqual({ discountId: stub.store.discount('LOST-ANSWER')!.id, created: false });
    expect(stub.store.discounts.size).toBe(1);
  });

  it('creates once when the create is throttled: it waits and tries again', async () => {
    stub.queue({ kind: 'throttled', currentlyAvailable: 0, rootField: 'discountCodeBasicCreate' });
    const result = await admin.createCustomerDiscountCode({
      code: 'THROTTLED-1',
      title: 'Throttled',
      kind: 'percent',
      value: 5,
      customerGid: CUSTOMER,
      endsAt: ENDS_AT,
    });
    const creates = stub.requestsFor('discountCodeBasicCreate');
    expect(creates[0].outcome).toBe('throttled');
    expect(creates[creates.length - 1].outcome).toBe('ok');
    // A 10-point mutation against an empty bucket refilling 100 points a second: 100 ms.
    expect(creates[creates.length - 1].at - creates[0].at).toBeGreaterThanOrEqual(95);
    expect(result.created).toBe(true);
    expect(stub.store.discounts.size).toBe(1);
  });

  it("surfaces the store's userErrors as a ShopifyUserError and creates nothing", async () => {
    stub.queueDiscountUserErrors({
      field: ['basicCodeDiscount', 'endsAt'],
      message: 'Ends at needs to be after starts_at',
      code: 'END_DATE_BEFORE_START_DATE',
    });
    const error = await admin
      .createCustomerDiscountCode({
        code: 'REFUSED-1',
        title: 'Refused',
        kind: 'percent',
        value: 10,
        customerGid: CUSTOMER,
        endsAt: ENDS_AT,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect(error).toMatchObject({
      code: 'shopify_user_error',
      retryable: false,
      field: 'basicCodeDiscount.endsAt',
      storeMessage: 'Ends at needs to be after starts_at',
    });
    expect(stub.store.discounts.size).toBe(0);
    expect(stub.requestsFor('discountCodeBasicCreate')).toHaveLength(1);
  });

  it("refuses a fixed amount in another currency than the store's before creating anything", async () => {
    const error = await admin
      .createCustomerDiscountCode({
        code: 'USD-5',
        title: '5 dollars',
        kind: 'fixed',
        value: 5,
        currency: 'USD',
        customerGid: CUSTOMER,
        endsAt: ENDS_AT,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).storeMessage).toBe(
      "the amount is in USD but the store's currency is EUR",
    );
    expect(stub.requestsFor('discountCodeBasicCreate')).toHaveLength(0);
  });
});
