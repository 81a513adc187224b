/**
 * Test runs with the real engine (docs/product.md, "Test runs"): a marketer makes their own test
 * profile and runs the shipped abandoned-cart journey's draft for it with every wait cut to two
 * seconds. The run goes through Temporal like any other, sends only to the marketer's own address
 * (what SendGrid received), ends in seconds instead of a day, is marked `test` in every answer and
 * leaves the journey's stats, the experiments, the publish impact and the dashboard as they were.
 * A customer that is not a test profile, or another person's test profile, is refused with 422.
 */
import { randomBytes } from 'node:crypto';
import { testProfileSchema, testRunDetailSchema, testRunSchema } from '@waypoint/contract';
import { SendGridStub } from '@waypoint/testing';
import { publishJourney, splitJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

const SENDGRID_KEY = 'SG.test-key.test-runs';

describe('test runs', () => {
  const sendgrid = new SendGridStub(SENDGRID_KEY);
  const tag = randomBytes(3).toString('hex');
  let stack: TestStack;
  let marketer: { id: string; email: string; token: string };
  let other: { id: string; email: string; token: string };
  let abandonedCartId: string;
  /** The dashboard before any test profile or test run existed. */
  let dashboardBefore: { stages: unknown; deliverability: unknown; topJourneys: unknown };

  const as = (who: { token: string }) => ({ authorization: `Bearer ${who.token}` });

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: { SENDGRID_API_KEY: SENDGRID_KEY, SENDGRID_API_URL: sendgrid.url },
    }).start();
    marketer = await stack.personWithRole('marketer', `marketer-${tag}@test.local`);
    other = await stack.personWithRole('marketer', `other-${tag}@test.local`);
    const journeys = await stack.request('GET', '/v1/journeys');
    abandonedCartId = journeys.body.data.find((j: { name: string }) => j.name === 'Abandoned cart').id;
    dashboardBefore = (await stack.request('GET', '/v1/dashboard')).body.data;
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function makeProfile(who: { token: string }) {
    const made = await stack.request('POST', '/v1/test-profiles', undefined, as(who));
    expect(made.status).toBe(201);
    return testProfileSchema.parse(made.body.data);
  }

  async function startTestRun(journeyId: string, body: Record<string, unknown>, who = marketer) {
    return stack.request('POST', `/v1/journeys/${journeyId}/test-runs`, body, as(who));
  }

  async function finished(runId: string) {
    return eventually(async () => {
      const res = await stack.request('GET', `/v1/runs/${runId}`);
      return res.body.data?.status !== 'running' ? res.body.data : undefined;
    }, `test run ${runId} to finish`);
  }

  const countRuns = async () =>
    (await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM runs`))[0].n;

  it("makes a person's own test profile: their email, consent, marked test", async () => {
    const profile = await makeProfile(marketer);
    expect(profile).toMatchObject({ email: marketer.email, mine: true, test: true });
    expect(profile.person).toEqual({ id: marketer.id, name: 'Test marketer' });
    // Made again: the same customer, brought up to date.
    expect((await makeProfile(marketer)).id).toBe(profile.id);
    const listed = await stack.request('GET', '/v1/test-profiles', undefined, as(other));
    expect(listed.body.data).toContainEqual(expect.objectContaining({ id: profile.id, mine: false }));
    const page = await stack.request('GET', `/v1/customers/${profile.id}`);
    expect(page.body.data.profile.test).toBe(true);
    expect(page.body.data.consent).toContainEqual(
      expect.objectContaining({ channel: 'email', status: 'opted_in' }),
    );
  });

  it('runs the draft for the test profile, sending only to the person, waits cut to seconds, never counted', async () => {
    const profile = await makeProfile(marketer);
    const statsBefore = (await stack.request('GET', `/v1/journeys/${abandonedCartId}/stats`)).body.data;
    const versionsBefore = (await stack.request('GET', `/v1/journeys/${abandonedCartId}/versions`)).body.data;
    const sentBefore = sendgrid.delivered.length;

    const startedAt = Date.now();
    const started = await startTestRun(abandonedCartId, {
      customerId: profile.id,
      waits: { mode: 'fixed', seconds: 2 },
    });
    expect(started.status).toBe(201);
    const testRun = testRunSchema.parse(started.body.data);
    expect(testRun).toMatchObject({ source: 'draft', customerId: profile.id, test: true });
    expect(testRun.version).toBeLessThan(0);

    const run = await finished(testRun.id);
    const tookMs = Date.now() - startedAt;
    expect(run.status).toBe('completed');
    expect(run.test).toBe(true);
    expect(run.version).toBe(testRun.version);
    // A day of waits (1 h, then 23 h) took seconds: each wait ended 2 s after it began.
    expect(tookMs).toBeLessThan(30_000);
    for (const nodeId of ['wait-1h', 'wait-23h']) {
      const step = run.steps.find((s: { nodeId: string }) => s.nodeId === nodeId);
      expect(Date.parse(step.wakeAt) - Date.parse(step.enteredAt)).toBe(2_000);
      expect(step.reason).toContain('test run: every wait at most 2 s');
    }
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
      'trigger',
      'wait-1h',
      'reminder',
      'wait-23h',
      'free-shipping',
      'channel',
      'last-call-email',
      'done',
    ]);

    // Sent for real (SendGrid), only to the marketer's own address, with the sample cart.
    const sent = sendgrid.delivered.slice(sentBefore);
    expect(sent).toHaveLength(2);
    for (const mail of sent)
      expect(mail.body.personalizations.flatMap((p) => p.to.map((to) => to.email))).toEqual([marketer.email]);
    expect(sent[0].body.content?.map((c) => c.value).join('')).toContain('Organic Coffee 1 kg');
    const messages = await stack.query<{ test: boolean; to_address: string }>(
      `SELECT test, to_address FROM messages WHERE run_id = $1`,
      [testRun.id],
    );
    expect(messages).toEqual([
      { test: true, to_address: marketer.email },
      { test: true, to_address: marketer.email },
    ]);

    // Marked on the customer's page, left out of every count.
    const page = await stack.request('GET', `/v1/customers/${profile.id}`);
    expect(page.body.data.runs).toContainEqual(expect.objectContaining({ id: testRun.id, test: true }));
    expect(page.body.data.messages.every((m: { test: boolean }) => m.test)).toBe(true);
    expect((await stack.request('GET', `/v1/journeys/${abandonedCartId}/stats`)).body.data).toEqual(
      statsBefore,
    );
    const dashboardAfter = (await stack.request('GET', '/v1/dashboard')).body.data;
    expect(dashboardAfter.stages).toEqual(dashboardBefore.stages);
    expect(dashboardAfter.deliverability).toEqual(dashboardBefore.deliverability);
    expect(dashboardAfter.topJourneys).toEqual(dashboardBefore.topJourneys);
    // The graph it ran is there to draw; the draft snapshot is no published version.
    // The marketer who started it follows it there (GET /v1/runs/{id} is support's).
    const detail = await stack.request('GET', `/v1/test-runs/${testRun.id}`, undefined, as(marketer));
    expect(detail.status).toBe(200);
    expect(detail.body.data.run).toMatchObject({ id: testRun.id, status: 'completed', test: true });
    testRunDetailSchema.parse(detail.body.data);
    expect(detail.body.data.definition.nodes.map((n: { id: string }) => n.id)).toContain('last-call-email');
    expect(detail.body.data.startedBy).toEqual({ id: marketer.id, name: 'Test marketer' });
    expect((await stack.request('GET', `/v1/journeys/${abandonedCartId}/versions`)).body.data).toEqual(
      versionsBefore,
    );
  });

  it('leaves test runs out of experiments and of the runs a publish leaves in progress', async () => {
    const profile = await makeProfile(marketer);
    const splitId = await publishJourney(stack, `Split ${tag}`, splitJourney(5));
    const started = await startTestRun(splitId, { customerId: profile.id, version: 1 });
    expect(started.status).toBe(201);
    expect(started.body.data).toMatchObject({ source: 'version', version: 1 });
    const run = await finished(started.body.data.id);
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toContain('split');
    const experiments = (await stack.request('GET', `/v1/journeys/${splitId}/experiments`)).body.data;
    const arms = experiments.experiments[0].arms as Array<{ entered: number }>;
    expect(arms.map((arm) => arm.entered)).toEqual([0, 0]);

    // A test run still waiting (an hour halved) is not one of the runs a publish leaves behind.
    const waiting = await startTestRun(abandonedCartId, {
      customerId: profile.id,
      waits: { mode: 'factor', factor: 2 },
    });
    expect(waiting.status).toBe(201);
    await eventually(async () => {
      const res = await stack.request('GET', `/v1/runs/${waiting.body.data.id}`);
      return res.body.data.waitingFor?.nodeId === 'wait-1h' ? res.body.data : undefined;
    }, 'the test run to wait');
    const impact = await stack.request('GET', `/v1/journeys/${abandonedCartId}/publish-impact`);
    expect(impact.status).toBe(200);
    expect(impact.body.data.runsInProgress).toEqual([]);
    const cancelled = await stack.request('POST', `/v1/runs/${waiting.body.data.id}/cancel`, {
      reason: 'test over',
    });
    expect(cancelled.status).toBe(202);
  });

  it('refuses a customer that is not a test profile, and another person’s test profile, with 422', async () => {
    const key = await stack.apiKey(`test-runs-${tag}`);
    const externalId = `real-${tag}`;
    const ingested = await stack.request(
      'POST',
      '/v1/events',
      { type: 'customer.updated', customer: { id: externalId, email: `shopper-${tag}@example.com` } },
      { authorization: `Bearer ${key}` },
    );
    expect(ingested.status).toBe(202);
    const customerId = await eventually(async () => {
      const [row] = await stack.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = $1`, [
        externalId,
      ]);
      return row?.id;
    }, 'the customer');
    const theirs = await makeProfile(other);
    const runsBefore = await countRuns();

    const refused = await startTestRun(abandonedCartId, { customerId });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('not_a_test_profile');
    expect(refused.body.error.message).toContain('customerId');
    const notMine = await startTestRun(abandonedCartId, { customerId: theirs.id });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.code).toBe('not_your_test_profile');
    expect(await countRuns()).toBe(runsBefore);
  });
});
