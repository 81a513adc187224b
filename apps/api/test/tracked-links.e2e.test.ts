/**
 * Tracked links (docs/product.md, "Tracked links"): the links of a sent email go through
 * `/c/{token}`; a person's click is one `message.clicked` event with the run, the node and the link
 * (and a waiting journey takes its "event" path), a HEAD or a link scanner's prefetch is recorded
 * apart and moves nothing, and a tampered token is 404 and records nothing.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

describe('tracked links', () => {
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    stack = await new TestStack({ env: { SENDGRID_API_KEY: undefined } }).start();
    apiKey = await stack.apiKey('tracked-links');
    await publishJourney(stack, 'Click to continue', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'link.test' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10 } },
        { id: 'email', type: 'send.email', data: { template: 'welcome' } },
        {
          id: 'clicked',
          type: 'wait.event',
          data: {
            event: 'message.clicked',
            filter: { property: 'nodeId', op: 'eq', value: 'email' },
            timeout: '3d',
          },
        },
        { id: 'engaged', type: 'exit', data: {} },
        { id: 'ignored', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', target: 'coupon' },
        { source: 'coupon', target: 'email' },
        { source: 'email', target: 'clicked' },
        { source: 'clicked', sourceHandle: 'event', target: 'engaged' },
        { source: 'clicked', sourceHandle: 'timeout', target: 'ignored' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    } satisfies JourneyDefinitionInput);
  });

  afterAll(() => stack?.stop());

  const follow = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', ...init });

  const countRows = async (sql: string, params: unknown[]) =>
    Number((await stack.query<{ n: string }>(sql, params))[0].n);

  it('turns a click into one message.clicked event with run, node and link; a prefetch moves nothing', async () => {
    const customerId = `clicker-${Date.now()}`;
    const email = `${customerId}@example.com`;
    const sent = await stack.request(
      'POST',
      '/v1/events',
      { type: 'link.test', customer: { id: customerId, email }, properties: {} },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(sent.status).toBe(202);
    const run = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
      return runs[0]?.waitingFor?.nodeId === 'clicked' ? runs[0] : undefined;
    }, 'the run to wait for a click');

    const [message] = await stack.query<{ body_html: string; body_text: string }>(
      `SELECT body_html, body_text FROM messages WHERE run_id = $1`,
      [run.id],
    );
    // The store link is tracked (in the HTML and the plain-text part); the unsubscribe link is not.
    const links = [...message.body_html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    const tracked = links.filter((url) => url.startsWith(`${stack.baseUrl}/c/`));
    expect(tracked).toHaveLength(1);
    expect(links.some((url) => url.startsWith(`${stack.baseUrl}/u/`))).toBe(true);
    expect(message.body_html).not.toContain('href="https://store.example.com');
    expect(message.body_text).toContain(tracked[0]);
    const path = tracked[0].slice(stack.baseUrl.length);

    // A HEAD and a link scanner: redirected, recorded as prefetches, no event, the run still waits.
    const head = await follow(path, { method: 'HEAD', headers: { 'user-agent': BROWSER } });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe('https://store.example.com');
    const scanner = await follow(path, {
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; BingPreview/1.0b)' },
    });
    expect(scanner.status).toBe(302);
    const token = path.slice('/c/'.length);
    expect(
      await countRows(
        `SELECT count(*) AS n FROM link_clicks WHERE token = $1 AND prefetch AND event_id IS NULL`,
        [token],
      ),
    ).toBe(2);
    expect(await countRows(`SELECT count(*) AS n FROM events WHERE type = 'message.clicked'`, [])).toBe(0);
    expect(
      await countRows(`SELECT count(*) AS n FROM messages WHERE run_id = $1 AND clicked_at IS NOT NULL`, [
        run.id,
      ]),
    ).toBe(0);

    // A person's click: one event with the run, the node and the link; the run takes its "event" path.
    const click = await follow(path, { headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://store.example.com');
    const [event] = await stack.query<{ properties: Record<string, unknown>; customer_id: string }>(
      `SELECT properties, customer_id FROM events WHERE type = 'message.clicked'`,
      [],
    );
    const [customer] = await stack.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = $1`, [
      customerId,
    ]);
    expect(event.customer_id).toBe(customer.id);
    expect(event.properties).toMatchObject({
      runId: run.id,
      nodeId: 'email',
      url: 'https://store.example.com',
      channel: 'email',
      tracked: true,
    });
    const done = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
      return runs[0]?.status === 'completed' ? runs[0] : undefined;
    }, 'the run to finish after the click');
    const reached = done.steps.map((s: { nodeId: string }) => s.nodeId);
    expect(reached).toContain('engaged');
    expect(reached).not.toContain('ignored');
    expect(
      await countRows(`SELECT count(*) AS n FROM link_clicks WHERE token = $1 AND NOT prefetch`, [token]),
    ).toBe(1);
    // The support timeline's message shows the click.
    const [clickedMessage] = await stack.query<{ delivery_status: string; clicked_at: Date | null }>(
      `SELECT delivery_status, clicked_at FROM messages WHERE run_id = $1`,
      [run.id],
    );
    expect(clickedMessage.delivery_status).toBe('clicked');
    expect(clickedMessage.clicked_at).not.toBeNull();
  });

  it('answers 404 to a tampered or unknown token and records nothing', async () => {
    const before = await countRows(`SELECT count(*) AS n FROM link_clicks`, []);
    const [link] = await stack.query<{ token: string }>(`SELECT token FROM tracked_links LIMIT 1`, []);
    const tampered = link.token.slice(0, 10) + (link.token[10] === 'A' ? 'B' : 'A') + link.token.slice(11);
    for (const token of [tampered, 'AAAAAAAAAAAAAAAA', 'short']) {
      const res = await follow(`/c/${token}`, { headers: { 'user-agent': BROWSER } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect(await countRows(`SELECT count(*) AS n FROM link_clicks`, [])).toBe(before);
  });
});
