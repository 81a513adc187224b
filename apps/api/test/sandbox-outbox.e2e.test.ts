/**
 * Without SendGrid credentials nothing leaves the machine: the welcome email lands in the sandbox
 * outbox, rendered, with the request SendGrid would have received. Its unsubscribe link works
 * by POST only, and an unsubscribed customer's next marketing email is skipped with the reason.
 */
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

describe('sandbox mode', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack({ env: { SENDGRID_API_KEY: undefined } }).start();
  });

  afterAll(() => stack?.stop());

  /** Runs that have finished or are waiting (the welcome journey waits three days after its email). */
  async function runsOf(externalId: string, count: number) {
    return eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${externalId}/runs`)).body.data ?? [];
      const settled = (r: { status: string; waitingFor: unknown }) =>
        r.status !== 'running' || r.waitingFor !== null;
      return runs.length === count && runs.every(settled) ? runs : undefined;
    }, `${count} settled run(s) for customer ${externalId}`);
  }

  it('stores the rendered welcome email in the outbox instead of sending it', async () => {
    const customer = shopifyCustomer({ first_name: 'Margaret' });
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const [run] = await runsOf(String(customer.id), 1);
    const step = run.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
    expect(step.reason).toBe(`sandbox: stored in the outbox for ${customer.email} (no SendGrid credentials)`);

    const list = await stack.request('GET', '/v1/outbox?limit=500');
    const summary = list.body.data.find((m: { runId: string }) => m.runId === run.id);
    expect(summary).toMatchObject({
      channel: 'email',
      to: customer.email,
      status: 'sandboxed',
      provider: 'sandbox',
    });

    const message = (await stack.request('GET', `/v1/outbox/${summary.id}`)).body.data;
    const [coupon] = await stack.query<{ code: string }>(`SELECT code FROM coupons WHERE run_id = $1`, [
      run.id,
    ]);
    expect(message.bodyHtml).toContain(coupon.code);
    // The plain-text part, made from the HTML, keeps the words, the coupon and the links.
    expect(message.bodyText).toContain(coupon.code);
    expect(message.bodyText).toMatch(/Start shopping \[https?:\/\/[^\]]+\]/);
    expect(message.bodyText).toMatch(/Unsubscribe \[https?:\/\/[^\]]+\/u\/[^\]]+\]/);
    expect(message.bodyText).not.toContain('<');
    expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(message.providerRequest).toMatchObject({
      personalizations: [{ to: [{ email: customer.email }] }],
      subject: 'Welcome, Margaret! Here is 10% off your first order',
      custom_args: { run_id: run.id, node_id: 'welcome-email', message_id: summary.id },
      content: [
        { type: 'text/plain', value: message.bodyText },
        { type: 'text/html', value: message.bodyHtml },
      ],
    });

    expect((await stack.request('GET', '/v1/outbox?limit=0')).status).toBe(400);
    expect((await stack.request('GET', '/v1/outbox/not-a-message')).status).toBe(404);
  });

  it('unsubscribes on POST only, and skips the next marketing email with the reason', async () => {
    await publishJourney(stack, 'Profile updated', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'fixed', value: 5 } },
        { id: 'email', type: 'send.email', data: { template: 'welcome' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', target: 'coupon' },
        { source: 'coupon', target: 'email' },
        { source: 'email', target: 'done' },
      ],
    });
    const customer = shopifyCustomer();
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const [welcome] = await runsOf(String(customer.id), 1);
    const messageId = welcome.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email').message.id;
    const message = (await stack.request('GET', `/v1/outbox/${messageId}`)).body.data;
    const link = new URL(message.headers['List-Unsubscribe'].slice(1, -1));

    const page = await stack.request('GET', link.pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post">');
    const optedOut = () =>
      stack.query<{ at: Date | null }>(
        `SELECT (SELECT k.updated_at FROM customer_consents k
                  WHERE k.customer_id = c.id AND k.channel = 'email' AND k.status = 'opted_out') AS at
           FROM customers c WHERE c.external_id = $1`,
        [String(customer.id)],
      );
    expect((await optedOut())[0].at).toBeNull();

    const forged = await stack.request('POST', `${link.pathname.split('.')[0]}.AAAA`);
    expect(forged.status).toBe(404);
    expect((await optedOut())[0].at).toBeNull();

    const done = await stack.request('POST', link.pathname);
    expect(done.status).toBe(200);
    expect((await optedOut())[0].at).toBeInstanceOf(Date);

    await deliver(stack.baseUrl, signedDelivery('customers/update', customer, stack.shopifySecret));
    const runs = await runsOf(String(customer.id), 2);
    const update = runs.find((r: { journey: { name: string } }) => r.journey.name === 'Profile updated');
    const email = update.steps.find((s: { nodeId: string }) => s.nodeId === 'email');
    expect(email.outcome).toBe('skipped');
    expect(email.reason).toMatch(/^skipped: unsubscribed from marketing email on \d{4}-\d{2}-\d{2}$/);
    expect(email.message).toBeNull();
  });

  it('saves only templates that render, previews them, and the worker sends what was saved', async () => {
    const broken = await stack.request('PUT', '/v1/templates/email/broken', {
      source: '---\nsubject: Hi\n---\n<p>{{#if}}</p>',
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('template_invalid');
    expect((await stack.request('GET', '/v1/templates/email/broken')).status).toBe(404);
    const unknownField = await stack.request('PUT', '/v1/templates/email/broken', {
      source: '---\nsubject: Hi\n---\n{{customer.shoeSize}}',
    });
    expect(unknownField.status).toBe(422);

    const sms = await stack.request('PUT', '/v1/templates/sms/hello', {
      source: 'Hi {{customer.firstName}} & welcome! €5 off: {{coupon.code}}',
    });
    expect(sms.status).toBe(200);
    expect(sms.body.data.preview).toEqual({
      text: 'Hi Ada & welcome! €5 off: WELCOME-7KQ2MZ',
      characters: 40,
      segments: 1,
      encoding: 'GSM-7',
      locale: 'en',
    });

    const saved = await stack.request('PUT', '/v1/templates/email/promo', {
      source:
        '---\nlayout: default\nsubject: A gift for {{customer.firstName}}\n---\n<p>Code {{coupon.code}} & more</p>',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.preview.subject).toBe('A gift for Ada');
    expect(saved.body.data.preview.html).toContain('<p>Code WELCOME-7KQ2MZ & more</p>');
    expect((await stack.request('GET', '/v1/templates')).body.data.email).toEqual(
      expect.arrayContaining(['promo', 'welcome']),
    );

    const customer = shopifyCustomer({ first_name: 'Grace' });
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    await runsOf(String(customer.id), 1);
    const preview = await stack.request('POST', '/v1/templates/preview', {
      channel: 'email',
      name: 'promo',
      customerId: String(customer.id),
    });
    expect(preview.body.data.subject).toBe('A gift for Grace');

    await publishJourney(stack, 'Promo', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'fixed', value: 5, prefix: 'GIFT' } },
        { id: 'email', type: 'send.email', data: { template: 'promo' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', target: 'coupon' },
        { source: 'coupon', target: 'email' },
        { source: 'email', target: 'done' },
      ],
    });
    await deliver(stack.baseUrl, signedDelivery('customers/update', customer, stack.shopifySecret));
    // The earlier test's "Profile updated" journey reacts to the same event; this one is "Promo".
    const promo = await eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customer.id}/runs`)).body.data ?? [];
      return runs.find(
        (r: { journey: { name: string }; status: string }) =>
          r.journey.name === 'Promo' && r.status === 'completed',
      );
    }, 'the promo run to finish');
    const step = promo.steps.find((x: { nodeId: string }) => x.nodeId === 'email');
    const message = (await stack.request('GET', `/v1/outbox/${step.message.id}`)).body.data;
    expect(message.subject).toBe('A gift for Grace');
    expect(message.bodyHtml).toMatch(/<p>Code GIFT-[A-Z2-9]{8} & more<\/p>/);
  });

  it('has a preference page: GET only shows, a form posts unsubscribe or subscribe again', async () => {
    const customer = shopifyCustomer();
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const [run] = await runsOf(String(customer.id), 1);
    const messageId = run.steps.find((x: { nodeId: string }) => x.nodeId === 'welcome-email').message.id;
    const link = new URL(
      (await stack.request('GET', `/v1/outbox/${messageId}`)).body.data.headers['List-Unsubscribe'].slice(
        1,
        -1,
      ),
    );
    const form = (body: string) =>
      fetch(`${stack.baseUrl}${link.pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await stack.request('GET', link.pathname)).body).toContain('You get our marketing email.');
    expect((await form('List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await stack.request('GET', link.pathname)).body).toContain('Subscribe again');
    expect((await form('action=subscribe')).status).toBe(200);
    const [consent] = await stack.query<{ status: string; source: string }>(
      `SELECT k.status, k.source FROM customer_consents k JOIN customers c ON c.id = k.customer_id WHERE c.external_id = $1 AND k.channel = 'email'`,
      [String(customer.id)],
    );
    expect(consent).toEqual({ status: 'opted_in', source: 'preference_page' });
  });
});
