/**
 * One-click surveys (docs/product.md, "Surveys"): the win-back email asks `{{survey "why-left"}}`;
 * following an answer link from the sent message records one `survey.answered` event with the run
 * and node, and the waiting run takes the branch for that answer; a replay, a HEAD and a link
 * scanner record nothing more; a tampered token is 404; the results count the answer.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

describe('surveys', () => {
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    stack = await new TestStack({ env: { SENDGRID_API_KEY: undefined } }).start();
    apiKey = await stack.apiKey('surveys');
    await publishJourney(stack, 'Why did you leave', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'survey.test' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10 } },
        { id: 'ask', type: 'send.email', data: { template: 'winback-survey' } },
        {
          id: 'answered',
          type: 'wait.event',
          data: {
            event: 'survey.answered',
            filter: { property: 'nodeId', op: 'eq', value: 'ask' },
            timeout: '3d',
          },
        },
        {
          id: 'why',
          type: 'branch.condition',
          data: {
            conditions: [
              {
                id: 'delivery',
                name: 'delivery problems',
                when: { did: 'survey.answered', where: { survey: 'why-left', answer: 'delivery' } },
              },
            ],
          },
        },
        { id: 'fix-delivery', type: 'exit', data: {} },
        { id: 'other-reason', type: 'exit', data: {} },
        { id: 'no-answer', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', target: 'coupon' },
        { source: 'coupon', target: 'ask' },
        { source: 'ask', target: 'answered' },
        { source: 'answered', sourceHandle: 'event', target: 'why' },
        { source: 'answered', sourceHandle: 'timeout', target: 'no-answer' },
        { source: 'why', sourceHandle: 'delivery', target: 'fix-delivery' },
        { source: 'why', sourceHandle: 'else', target: 'other-reason' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    } satisfies JourneyDefinitionInput);
  });

  afterAll(() => stack?.stop());

  const visit = (path: string, init: RequestInit = {}) => fetch(`${stack.baseUrl}${path}`, init);
  const answers = async () =>
    stack.query<{ properties: Record<string, unknown>; customer_id: string }>(
      `SELECT properties, customer_id FROM events WHERE type = 'survey.answered'`,
      [],
    );

  it('records the answer from the sent link once, and the run takes the branch for it', async () => {
    const customerId = `survey-${Date.now()}`;
    const sent = await stack.request(
      'POST',
      '/v1/events',
      {
        type: 'survey.test',
        customer: { id: customerId, email: `${customerId}@example.com`, locale: 'tr-TR' },
        properties: {},
      },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(sent.status).toBe(202);
    const run = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
      return runs[0]?.waitingFor?.nodeId === 'answered' ? runs[0] : undefined;
    }, 'the run to wait for the answer');

    const [message] = await stack.query<{ body_html: string }>(
      `SELECT body_html FROM messages WHERE run_id = $1`,
      [run.id],
    );
    // One answer link per reason, in Turkish, pointing at the engine (never rewritten as /c/).
    const links = [...message.body_html.matchAll(/href="([^"]+\/s\/[^"]+)"[^>]*>([^<]+)</g)];
    expect(links).toHaveLength(6);
    expect(message.body_html).toContain('Teslimat sorunları');
    const delivery = links.find((l) => l[2] === 'Teslimat sorunları')![1];
    expect(delivery.startsWith(`${stack.baseUrl}/s/`)).toBe(true);
    const path = delivery.slice(stack.baseUrl.length);

    // A HEAD and a link scanner's look record nothing; the run still waits.
    expect((await visit(path, { method: 'HEAD', headers: { 'user-agent': BROWSER } })).status).toBe(200);
    const scanner = await visit(path, {
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; BingPreview/1.0b)' },
    });
    expect(scanner.status).toBe(200);
    expect(await answers()).toHaveLength(0);

    // The customer's click: a thank-you page in Turkish, one event with the run and the node.
    const click = await visit(path, { headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(200);
    const page = await click.text();
    expect(page).toContain('Teşekkürler');
    expect(page).toContain('<form method="post">');
    expect(page).not.toContain('<script');
    const [customer] = await stack.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = $1`, [
      customerId,
    ]);
    const [answer] = await answers();
    expect(answer.customer_id).toBe(customer.id);
    expect(answer.properties).toEqual({
      survey: 'why-left',
      question: 'Why did you stop shopping with us?',
      answer: 'delivery',
      comment: null,
      runId: run.id,
      nodeId: 'ask',
    });

    const done = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
      return runs[0]?.status === 'completed' ? runs[0] : undefined;
    }, 'the run to finish after the answer');
    const reached = done.steps.map((s: { nodeId: string }) => s.nodeId);
    expect(reached).toContain('fix-delivery');
    expect(reached).not.toContain('other-reason');
    expect(reached).not.toContain('no-answer');

    // A replay records nothing twice; the comment form adds the comment to the same answer.
    expect((await visit(path, { headers: { 'user-agent': BROWSER } })).status).toBe(200);
    const commented = await visit(path, {
      method: 'POST',
      headers: { 'user-agent': BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ comment: 'Kargo iki hafta sürdü' }).toString(),
    });
    expect(commented.status).toBe(200);
    expect(await commented.text()).toContain('Yorumunuz için teşekkürler');
    const after = await answers();
    expect(after).toHaveLength(1);
    expect(after[0].properties.comment).toBe('Kargo iki hafta sürdü');

    // The results count it.
    const results = await stack.request('GET', '/v1/surveys/why-left/results');
    expect(results.status).toBe(200);
    expect(results.body.data.total).toBe(1);
    expect(results.body.data.comments).toBe(1);
    expect(results.body.data.answers).toContainEqual({
      answer: 'delivery',
      label: 'Delivery problems',
      count: 1,
    });
    expect(
      results.body.data.answers
        .filter((a: { count: number }) => a.count > 0)
        .map((a: { answer: string }) => a.answer),
    ).toEqual(['delivery']);
    const future = await stack.request(
      'GET',
      `/v1/surveys/why-left/results?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`,
    );
    expect(future.body.data.total).toBe(0);

    // The customer's page lists it, with the journey and run whose email asked.
    const mine = await stack.request('GET', `/v1/customers/${customerId}/survey-answers`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      {
        survey: 'why-left',
        question: 'Why did you stop shopping with us?',
        answer: 'delivery',
        label: 'Delivery problems',
        comment: 'Kargo iki hafta sürdü',
        answeredAt: expect.any(String),
        runId: run.id,
        nodeId: 'ask',
        journeyId: run.journey.id,
        journeyName: 'Why did you leave',
      },
    ]);
    expect((await stack.request('GET', '/v1/customers/nobody-here/survey-answers')).status).toBe(404);
  });

  it('renders preview links in a preview, whose page records nothing', async () => {
    const before = (await answers()).length;
    const preview = await stack.request('POST', '/v1/templates/preview', {
      channel: 'email',
      name: 'winback-survey',
      locale: 'en',
    });
    expect(preview.status).toBe(201);
    const links = [...(preview.body.data.html as string).matchAll(/href="([^"]+\/s\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(links).toHaveLength(6);
    const page = await visit(links[0].slice(stack.baseUrl.length), { headers: { 'user-agent': BROWSER } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Thank you');
    expect((await answers()).length).toBe(before);
  });

  it('answers 404 to a tampered token and to an unknown survey, and records nothing', async () => {
    const before = (await answers()).length;
    const [message] = await stack.query<{ body_html: string }>(
      `SELECT body_html FROM messages WHERE body_html LIKE '%/s/%' LIMIT 1`,
      [],
    );
    const token = /\/s\/([^"]+)"/.exec(message.body_html)![1];
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify(['00000000-0000-4000-8000-000000000000', 'ask', 'why-left', 'other']),
    ).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${'A'.repeat(22)}`, 'nonsense']) {
      const res = await visit(`/s/${bad}`, { headers: { 'user-agent': BROWSER } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await answers()).length).toBe(before);
    expect((await stack.request('GET', '/v1/surveys/nope/results')).status).toBe(404);
  });
});
