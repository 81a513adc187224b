/**
 * The publish impact (docs/product.md, "Publishing") through the API with the real engine: a
 * journey never published is all new; after v1 is live and a run waits on it, editing the draft
 * (adding, removing, changing nodes and a setting) is listed node by node with the waiting run
 * counted on v1; a draft publishing would refuse names its problems and cannot be published.
 */
import { couponWaitEmail, publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(90_000);

describe('GET /v1/journeys/{id}/publish-impact', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack().start();
  });

  afterAll(() => stack?.stop());

  const impactOf = async (id: string) => {
    const res = await stack.request('GET', `/v1/journeys/${id}/publish-impact`);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('lists every node as added for a journey never published, with no run', async () => {
    const created = await stack.request('POST', '/v1/journeys', {
      name: 'Impact never published',
      definition: couponWaitEmail('impact.first', '1h'),
    });
    expect(created.status).toBe(201);
    const impact = await impactOf(created.body.data.id);
    expect(impact).toMatchObject({ liveVersion: null, runsInProgress: [], problems: [], canPublish: true });
    expect(impact.nodes.added.map((n: { id: string }) => n.id)).toEqual([
      'trigger',
      'coupon',
      'pause',
      'email',
      'done',
    ]);
    expect(impact.nodes.removed).toEqual([]);
    expect(impact.nodes.changed).toEqual([]);
    expect(impact.edges).toEqual({ added: 4, removed: 0 });
  });

  it('lists added, removed and changed nodes against the live version and counts the waiting run', async () => {
    const v1 = couponWaitEmail('customer.updated', '1h');
    const journeyId = await publishJourney(stack, 'Impact', v1);
    const customer = shopifyCustomer();
    const entered = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(entered.status).toBe(200);
    await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customer.id}/runs`)).body.data ?? [];
      const run = runs.find((r: { journey: { id: string } }) => r.journey.id === journeyId);
      return run?.waitingFor?.nodeId === 'pause' ? run : undefined;
    }, 'the v1 run to wait');

    // Unchanged right after publishing.
    const same = await impactOf(journeyId);
    expect(same.nodes).toEqual({ added: [], removed: [], changed: [] });
    expect(same.edges).toEqual({ added: 0, removed: 0 });
    expect(same.settingsChanged).toEqual([]);

    // The wait gets longer, a second wait follows the email, and the exit is replaced.
    const draft = {
      nodes: [
        ...v1.nodes
          .filter((n) => n.id !== 'done')
          .map((n) => (n.id === 'pause' ? { ...n, data: { duration: '2h' }, position: { x: 5, y: 9 } } : n)),
        { id: 'pause2', type: 'wait.delay', data: { duration: '1d' } },
        { id: 'finish', type: 'exit', data: {} },
      ],
      edges: [
        ...v1.edges.filter((e) => e.target !== 'done'),
        { source: 'email', sourceHandle: 'next', target: 'pause2' },
        { source: 'pause2', sourceHandle: 'next', target: 'finish' },
      ],
      settings: { exitOn: [], reentry: { mode: 'never' } },
    };
    expect(
      (await stack.request('PUT', `/v1/journeys/${journeyId}/draft`, { definition: draft })).status,
    ).toBe(200);
    const impact = await impactOf(journeyId);
    expect(impact).toEqual({
      liveVersion: 1,
      nodes: {
        added: [
          { id: 'pause2', type: 'wait.delay' },
          { id: 'finish', type: 'exit' },
        ],
        removed: [{ id: 'done', type: 'exit' }],
        changed: [{ id: 'pause', type: 'wait.delay', fields: ['data.duration'] }],
      },
      edges: { added: 2, removed: 1 },
      settingsChanged: ['reentry'],
      runsInProgress: [{ version: 1, runs: 1 }],
      problems: [],
      canPublish: true,
    });

    // A draft publishing would refuse: its problems, and no publishing.
    const broken = {
      ...draft,
      nodes: draft.nodes.map((n) =>
        n.id === 'email' ? { ...n, data: { template: 'no-such-template' } } : n,
      ),
    };
    expect(
      (await stack.request('PUT', `/v1/journeys/${journeyId}/draft`, { definition: broken })).status,
    ).toBe(200);
    const refused = await impactOf(journeyId);
    expect(refused.canPublish).toBe(false);
    expect(refused.problems).toEqual([
      expect.objectContaining({ nodeId: 'email', code: 'template_missing' }),
    ]);
    expect(refused.nodes.changed).toContainEqual({
      id: 'email',
      type: 'send.email',
      fields: ['data.template'],
    });
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/publish`)).status).toBe(422);

    // Published: nothing left to change, and the v1 run stays counted on v1.
    expect(
      (await stack.request('PUT', `/v1/journeys/${journeyId}/draft`, { definition: draft })).status,
    ).toBe(200);
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/publish`)).body.data.version).toBe(2);
    const after = await impactOf(journeyId);
    expect(after).toMatchObject({
      liveVersion: 2,
      nodes: { added: [], removed: [], changed: [] },
      runsInProgress: [{ version: 1, runs: 1 }],
      canPublish: true,
    });
  });

  it('answers 404 for a journey that does not exist', async () => {
    const res = await stack.request(
      'GET',
      '/v1/journeys/00000000-0000-4000-8000-000000000000/publish-impact',
    );
    expect(res.status).toBe(404);
  });
});
