/**
 * Who calls the API in the contract and bad-input tests, and the real resources their paths
 * point at. Callers: nobody signed in, a storefront's API key, and a support person, a marketer
 * and an admin signed in. Resources are made the way production makes them (the journey and
 * segment APIs, a customer through the event API, a run through a signed Shopify delivery that
 * the shipped welcome journey answers), so `{id}` in a path names something that exists.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { signUnsubscribeToken } from '@waypoint/channels';
import { publishJourney } from './journeys';
import { deliver, shopifyCustomer, signedDelivery } from './shopify';
import { eventually, TEST_ADMIN, type TestStack } from './test-stack';

export const CALLERS = ['anonymous', 'api key', 'support', 'marketer', 'admin'] as const;
export type CallerName = (typeof CALLERS)[number];

/** The secret the stack signs unsubscribe links with (given to it, so tokens can be made here). */
export const APP_SECRET = `contract-app-secret-${randomBytes(12).toString('hex')}`;

interface Person {
  email: string;
  password: string;
  token: string;
}

export class ApiCallers {
  private constructor(
    private readonly stack: TestStack,
    private readonly apiKey: string,
    private readonly people: Record<'support' | 'marketer' | 'admin', Person>,
  ) {}

  static async create(stack: TestStack): Promise<ApiCallers> {
    const support = await stack.personWithRole('support');
    const marketer = await stack.personWithRole('marketer');
    const admin = { ...TEST_ADMIN, token: stack.adminToken };
    return new ApiCallers(stack, await stack.apiKey('contract-caller'), { support, marketer, admin });
  }

  /** The Authorization header this caller sends (none for `anonymous`). */
  headers(caller: CallerName): Record<string, string> {
    if (caller === 'anonymous') return { authorization: '' };
    if (caller === 'api key') return { authorization: `Bearer ${this.apiKey}` };
    return { authorization: `Bearer ${this.people[caller].token}` };
  }

  /** Whether the operation's `x-roles` admit this caller. */
  static mayCall(roles: readonly string[], caller: CallerName): boolean {
    if (roles.includes('anyone')) return true;
    if (caller === 'anonymous') return false;
    if (caller === 'api key') return roles.includes('api_key');
    return roles.includes(caller);
  }

  /** A caller x-roles admits, the person with the fewest rights first (admin last). */
  static permitted(roles: readonly string[]): CallerName | undefined {
    return (['anonymous', 'api key', 'support', 'marketer', 'admin'] as const).find((caller) =>
      ApiCallers.mayCall(roles, caller),
    );
  }

  /** Signs the person in again when a call ended their session (signing out is an operation too). */
  async keepSignedIn(caller: CallerName): Promise<void> {
    if (caller === 'anonymous' || caller === 'api key') return;
    const person = this.people[caller];
    const me = await this.stack.request('GET', '/v1/auth/me', undefined, this.headers(caller));
    if (me.status !== 401) return;
    person.token = await this.stack.signIn(person.email, person.password);
    if (caller === 'admin') this.stack.adminToken = person.token;
  }
}

export interface ApiResources {
  journeyId: string;
  segmentId: string;
  /**
   * A customer: the one with the run when there is one (so its runs are listed), else the one
   * made through the event API; and the storefront's id of the latter.
   */
  customerId: string;
  externalId: string;
  /** A run of the welcome journey, waiting after its email (when asked for). */
  runId?: string;
  messageId?: string;
  /** A person and an API key nobody calls with, for the operations that change or revoke them. */
  spareUserId: string;
  spareApiKeyId: string;
  productId: string;
  template: { channel: string; name: string };
  unsubscribeToken: string;
}

export async function createResources(
  stack: TestStack,
  callers: ApiCallers,
  options: { run: boolean },
): Promise<ApiResources> {
  const tag = randomBytes(3).toString('hex');
  const journeyId = await publishJourney(stack, `Contract ${tag}`, {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'contract.checked' } },
      { id: 'pause', type: 'wait.delay', data: { duration: '7d' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'pause' },
      { source: 'pause', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  });

  const segment = await stack.request('POST', '/v1/segments', {
    name: `Contract ${tag}`,
    condition: { attribute: 'ordersCount', op: 'gte', value: 0 },
  });
  if (segment.status !== 201) throw new Error(`creating a segment failed: ${JSON.stringify(segment.body)}`);

  const externalId = `contract-${tag}`;
  const event = await stack.request(
    'POST',
    '/v1/events',
    { type: 'profile.checked', customer: { id: externalId, email: `${externalId}@example.com` } },
    callers.headers('api key'),
  );
  if (event.status !== 202) throw new Error(`sending an event failed: ${JSON.stringify(event.body)}`);
  const [customer] = await stack.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = $1`, [
    externalId,
  ]);

  const spareUser = await stack.personWithRole('support');
  const spareKeyName = `contract-spare-${tag}`;
  await stack.apiKey(spareKeyName);
  const [spareKey] = await stack.query<{ id: string }>(`SELECT id FROM api_keys WHERE name = $1`, [
    spareKeyName,
  ]);

  const productId = `contract-product-${tag}`;
  const product = await stack.request('PUT', `/v1/products/${productId}`, { consumptionDays: 30 });
  if (product.status !== 200) throw new Error(`saving a product failed: ${JSON.stringify(product.body)}`);

  const resources: ApiResources = {
    journeyId,
    segmentId: segment.body.data.id,
    customerId: customer.id,
    externalId,
    spareUserId: spareUser.id,
    spareApiKeyId: spareKey.id,
    productId,
    template: { channel: 'email', name: 'welcome' },
    unsubscribeToken: signUnsubscribeToken(customer.id, APP_SECRET),
  };
  if (options.run) Object.assign(resources, await welcomeRun(stack));
  return resources;
}

/** A Shopify sign-up: the shipped welcome journey sends its email (to the outbox) and waits. */
async function welcomeRun(
  stack: TestStack,
): Promise<{ runId: string; messageId: string; customerId: string }> {
  const shopper = shopifyCustomer();
  const delivered = await deliver(
    stack.baseUrl,
    signedDelivery('customers/create', shopper, stack.shopifySecret),
  );
  if (delivered.status !== 200)
    throw new Error(`the Shopify delivery failed: ${JSON.stringify(delivered.body)}`);
  return eventually(async () => {
    const [row] = await stack.query<{ runId: string; messageId: string; customerId: string }>(
      `SELECT r.id AS "runId", m.id AS "messageId", c.id AS "customerId"
         FROM runs r JOIN customers c ON c.id = r.customer_id JOIN messages m ON m.run_id = r.id
        WHERE c.external_id = $1`,
      [String(shopper.id)],
    );
    return row;
  }, 'the welcome run and its email');
}

/**
 * The value for a path parameter: the real resource its place in the path names (the word
 * before it: `/v1/journeys/{id}` is a journey), else a well-formed UUID nothing has.
 */
export function pathValue(
  path: string,
  param: string,
  resources: ApiResources,
): { value: string; real: boolean } {
  const words = path.split('/');
  const at = words.indexOf(`{${param}}`);
  const noun = words
    .slice(0, at)
    .reverse()
    .find((word) => word && !word.startsWith('{'));
  const known: Record<string, string | undefined> = {
    'journeys id': resources.journeyId,
    'segments id': resources.segmentId,
    'customers id': resources.customerId,
    'customers externalId': resources.externalId,
    'runs id': resources.runId,
    'outbox id': resources.messageId,
    'users id': resources.spareUserId,
    'api-keys id': resources.spareApiKeyId,
    'products productId': resources.productId,
    'templates channel': resources.template.channel,
    'templates name': resources.template.name,
    // A locale the template has no variant of (404): deleting the only one would change it for the rest.
    'locales locale': 'de',
    // Publishing the shipped welcome journey at boot saved the welcome files as version 1.
    'versions version': '1',
    'u token': resources.unsubscribeToken,
  };
  const value = known[`${noun} ${param}`];
  return value === undefined ? { value: randomUUID(), real: false } : { value, real: true };
}

/** The path with its parameters filled in (encoded). */
export function fillPath(path: string, value: (param: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, param: string) => encodeURIComponent(value(param)));
}
