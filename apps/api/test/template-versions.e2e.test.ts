/**
 * Templates as the marketer's workspace uses them (issue 13): locale variants picked by the
 * customer's locale with the store's default as fallback, money and dates through Intl in the
 * customer's locale and the store's currency and time zone, versions pinned by a journey at
 * publish (a running journey keeps sending the version it was published with), test sends to
 * yourself, and mistakes answered with line, column and the name at fault.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

describe('template versions, languages and test sends', () => {
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: undefined,
        STORE_LOCALE: 'en',
        STORE_CURRENCY: 'TRY',
        STORE_COUNTRY: 'TR',
        STORE_TIMEZONE: 'UTC',
      },
    }).start();
    apiKey = await stack.apiKey('templates-test');
  });

  afterAll(() => stack?.stop());

  async function event(type: string, customer: Record<string, unknown>) {
    const res = await stack.request(
      'POST',
      '/v1/events',
      { type, customer },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(res.status).toBe(202);
  }

  /** The customer's messages, oldest first, once there are `count`. */
  async function messagesOf(externalId: string, count: number) {
    return eventually(async () => {
      const rows = await stack.query<{ subject: string; body_html: string; locale: string | null }>(
        `SELECT m.subject, m.body_html, m.locale FROM messages m JOIN customers c ON c.id = m.customer_id
          WHERE c.external_id = $1 AND m.status IN ('sent', 'sandboxed') ORDER BY m.created_at`,
        [externalId],
      );
      return rows.length >= count ? rows : undefined;
    }, `${count} message(s) for ${externalId}`);
  }

  function sendOn(trigger: string, template: string): JourneyDefinitionInput {
    return {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: trigger } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'HI' } },
        { id: 'email', type: 'send.email', data: { template } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
        { source: 'coupon', sourceHandle: 'next', target: 'email' },
        { source: 'email', sourceHandle: 'next', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    };
  }

  it('picks the variant by the customer locale: exact, its language, the store default, then any', async () => {
    const save = (locale: string, words: string) =>
      stack.request('PUT', '/v1/templates/email/greeting', {
        locale,
        source: `---\nsubject: ${words} {{customer.firstName}}\n---\n<p>${words}: {{money 1234.5}} {{date coupon.expiresAt}}</p>`,
      });
    expect((await save('tr', 'Merhaba')).status).toBe(200);
    const en = await save('en', 'Hello');
    expect(en.status).toBe(200);
    expect(en.body.data.preview).toMatchObject({ subject: 'Hello Ada', locale: 'en' });

    const preview = async (locale: string | undefined) =>
      (
        await stack.request('POST', '/v1/templates/preview', {
          channel: 'email',
          name: 'greeting',
          ...(locale ? { locale } : {}),
        })
      ).body.data;
    const expiry = new Date('2030-01-01T00:00:00.000Z');
    const tr = await preview('tr-TR');
    expect(tr.locale).toBe('tr');
    expect(tr.subject).toBe('Merhaba Ada');
    // Money in the store's currency and dates in its time zone, written as Intl writes them in the locale.
    const trMoney = new Intl.NumberFormat('tr-TR', { style: 'currency', currency: 'TRY' }).format(1234.5);
    const trDate = new Intl.DateTimeFormat('tr-TR', { dateStyle: 'long', timeZone: 'UTC' }).format(expiry);
    expect(tr.html).toBe(`<p>Merhaba: ${trMoney} ${trDate}</p>`);
    expect(tr.text).toBe(`Merhaba: ${trMoney} ${trDate}`);
    const de = await preview('de');
    expect(de.locale).toBe('en');
    const enMoney = new Intl.NumberFormat('en', { style: 'currency', currency: 'TRY' }).format(1234.5);
    expect(de.html).toBe(
      `<p>Hello: ${enMoney} ${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(expiry)}</p>`,
    );
    expect((await preview(undefined)).locale).toBe('en');

    // A template with no variant in the customer's language nor the store's renders the one it has.
    expect(
      (
        await stack.request('PUT', '/v1/templates/sms/only-french', {
          locale: 'fr',
          source: 'Bonjour {{customer.firstName}}',
        })
      ).status,
    ).toBe(200);
    const fr = (
      await stack.request('POST', '/v1/templates/preview', {
        channel: 'sms',
        name: 'only-french',
        locale: 'tr',
      })
    ).body.data;
    expect(fr).toMatchObject({ text: 'Bonjour Ada', locale: 'fr', encoding: 'GSM-7', segments: 1 });

    // Journeys send the customer's variant and record the locale used.
    await publishJourney(stack, 'Greeting', sendOn('greeting.asked', 'greeting'));
    await event('greeting.asked', {
      id: 'loc-tr',
      email: 'loc-tr@example.com',
      firstName: 'Ayşe',
      locale: 'tr-TR',
    });
    await event('greeting.asked', {
      id: 'loc-de',
      email: 'loc-de@example.com',
      firstName: 'Jonas',
      locale: 'de',
    });
    await event('greeting.asked', { id: 'loc-none', email: 'loc-none@example.com', firstName: 'Sam' });
    expect((await messagesOf('loc-tr', 1))[0]).toMatchObject({ subject: 'Merhaba Ayşe', locale: 'tr' });
    expect((await messagesOf('loc-de', 1))[0]).toMatchObject({ subject: 'Hello Jonas', locale: 'en' });
    expect((await messagesOf('loc-none', 1))[0]).toMatchObject({ subject: 'Hello Sam', locale: 'en' });
    // Support sees it on the run's step.
    const [run] = (await stack.request('GET', '/v1/customers/loc-tr/runs')).body.data;
    const step = run.steps.find((x: { nodeId: string }) => x.nodeId === 'email');
    expect(step.message).toMatchObject({ subject: 'Merhaba Ayşe', locale: 'tr' });
  });

  it('keeps a running journey on the template version it was published with until it is published again', async () => {
    const save = (words: string) =>
      stack.request('PUT', '/v1/templates/email/pinned-note', {
        source: `---\nsubject: ${words}\n---\n<p>${words}</p>`,
      });
    expect((await save('Version one')).status).toBe(200);
    const journeyId = await publishJourney(stack, 'Pinned note', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'note.asked' } },
        { id: 'first', type: 'send.email', data: { template: 'pinned-note' } },
        { id: 'wait', type: 'wait.event', data: { event: 'note.again', timeout: '7d' } },
        { id: 'second', type: 'send.email', data: { template: 'pinned-note' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'first' },
        { source: 'first', sourceHandle: 'next', target: 'wait' },
        { source: 'wait', sourceHandle: 'event', target: 'second' },
        { source: 'wait', sourceHandle: 'timeout', target: 'done' },
        { source: 'second', sourceHandle: 'next', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    });
    await event('note.asked', { id: 'pin-1', email: 'pin-1@example.com' });
    expect((await messagesOf('pin-1', 1))[0].subject).toBe('Version one');
    await eventually(async () => {
      const runs = (await stack.request('GET', '/v1/customers/pin-1/runs')).body.data ?? [];
      return runs[0]?.waitingFor?.nodeId === 'wait' ? runs : undefined;
    }, 'the run to wait for note.again');

    expect((await save('Version two')).status).toBe(200);
    await event('note.again', { id: 'pin-1', email: 'pin-1@example.com' });
    const [, second] = await messagesOf('pin-1', 2);
    expect(second.subject).toBe('Version one');

    const source = (await stack.request('GET', '/v1/templates/email/pinned-note')).body.data;
    expect(source).toMatchObject({
      saved: true,
      version: 2,
      source: '---\nsubject: Version two\n---\n<p>Version two</p>',
    });
    expect(source.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(source.usedBy).toEqual([
      expect.objectContaining({ journeyId, journeyVersion: 1, templateVersion: 1, journeyStatus: 'live' }),
    ]);
    const v1 = (await stack.request('GET', '/v1/templates/email/pinned-note/versions/1')).body.data;
    expect(v1.variants).toEqual([
      { locale: 'en', source: '---\nsubject: Version one\n---\n<p>Version one</p>' },
    ]);

    // Publishing again pins the new version: the next run sends it.
    const republished = await stack.request('POST', `/v1/journeys/${journeyId}/publish`);
    expect(republished.status).toBe(200);
    await event('note.asked', { id: 'pin-2', email: 'pin-2@example.com' });
    expect((await messagesOf('pin-2', 1))[0].subject).toBe('Version two');
    const overview = (await stack.request('GET', '/v1/templates/overview')).body.data;
    expect(overview.find((t: { name: string }) => t.name === 'pinned-note')).toMatchObject({
      channel: 'email',
      locales: ['en'],
      saved: true,
      version: 2,
      usedBy: [expect.objectContaining({ journeyId, journeyVersion: 2, templateVersion: 2 })],
    });
  });

  it('pins shipped files as a version at publish, and lists shipped templates in the overview', async () => {
    const overview = (await stack.request('GET', '/v1/templates/overview')).body.data;
    const welcome = overview.find(
      (t: { channel: string; name: string }) => t.channel === 'email' && t.name === 'welcome',
    );
    // The shipped welcome journey was published at boot: its template, never saved, is pinned as a snapshot.
    expect(welcome).toMatchObject({ saved: false, version: null });
    expect(welcome.locales).toContain('en');
    expect(welcome.usedBy).toEqual([
      expect.objectContaining({ journeyName: expect.any(String), templateVersion: 1 }),
    ]);
    const [snapshot] = await stack.query<{ shipped: boolean; created_by: string | null }>(
      `SELECT shipped, created_by FROM template_versions WHERE channel = 'email' AND name = 'layouts/default'`,
    );
    expect(snapshot).toEqual({ shipped: true, created_by: null });
  });

  it('deletes a locale variant as a new version, but never the last one', async () => {
    const tr = await stack.request('DELETE', '/v1/templates/email/greeting/locales/tr');
    expect(tr.status).toBe(200);
    expect(tr.body.data.variants.map((v: { locale: string }) => v.locale)).toEqual(['en']);
    expect((await stack.request('DELETE', '/v1/templates/email/greeting/locales/tr')).status).toBe(404);
    const last = await stack.request('DELETE', '/v1/templates/email/greeting/locales/en');
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_variant');
  });

  it('refuses mistakes with line, column and the name, and saves templates that read absent attributes', async () => {
    const put = (source: string) => stack.request('PUT', '/v1/templates/email/checked', { source });
    const typo = await put('---\nsubject: Hi\n---\n<p>Hi {{customer.frstName}}</p>');
    expect(typo.status).toBe(422);
    expect(typo.body.error).toEqual({
      code: 'template_invalid',
      message: 'Line 4, column 9: "frstName" is not a customer field',
      details: { line: 4, column: 9, name: 'frstName' },
    });
    const coupon = await put('---\nsubject: Hi\n---\n{{coupon.cod}}');
    expect(coupon.body.error.details).toEqual({ line: 4, column: 3, name: 'cod' });
    const open = await put('---\nsubject: Hi\n---\n{{#if customer.firstName}}\nHi');
    expect(open.status).toBe(422);
    expect(open.body.error.message).toBe('Line 4, column 1: the "{{#if}}" block is not closed');
    const helper = await put('---\nsubject: Hi\n---\n{{shout customer.firstName}}');
    expect(helper.status).toBe(422);
    expect(helper.body.error.code).toBe('unknown_helper');
    expect(helper.body.error.details).toEqual({ line: 4, column: 3, name: 'shout' });
    // An email without a subject (or with a blank one) would go out with an empty subject line.
    const noSubject = await put('<p>no subject</p>');
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.error.code).toBe('template_invalid');
    expect(noSubject.body.error.message).toContain('needs a subject');
    expect(noSubject.body.error.details).toEqual({ line: null, column: null, name: 'subject' });
    const blank = await put('---\nsubject:   \n---\n<p>blank subject</p>');
    expect(blank.status).toBe(422);
    expect(blank.body.error.details.name).toBe('subject');
    for (const refused of [typo, coupon, open, helper, noSubject, blank])
      expect(refused.body.error.message).not.toContain('[object Object]');
    expect((await stack.request('GET', '/v1/templates/email/checked')).status).toBe(404);

    const absent = await put(
      '---\nsubject: Hi {{default customer.attributes.nickname customer.firstName}}\n---\n<p>Tier: [{{customer.attributes.tier}}] {{event.properties.giftNote}}</p>',
    );
    expect(absent.status).toBe(200);
    expect(absent.body.data.preview).toMatchObject({ subject: 'Hi Ada', html: '<p>Tier: [] </p>' });
    await event('greeting.asked', {
      id: 'attr-1',
      email: 'attr-1@example.com',
      attributes: { tier: 'gold' },
    });
    const vars = (await stack.request('GET', '/v1/templates/variables?eventType=greeting.asked')).body.data;
    const paths = vars.map((v: { path: string }) => v.path);
    expect(paths).toEqual(
      expect.arrayContaining(['customer.firstName', 'coupon.code', 'customer.attributes.tier']),
    );
    expect(vars.find((v: { path: string }) => v.path === 'customer.attributes.tier')).toMatchObject({
      mayBeAbsent: true,
    });
    expect(vars.find((v: { path: string }) => v.path === 'customer.firstName')).toMatchObject({
      mayBeAbsent: false,
      example: 'Ada',
    });
  });

  it('sends a test to yourself: marketers yes, support no, SMS only with your own phone', async () => {
    const marketer = await stack.personWithRole('marketer');
    const support = await stack.personWithRole('support');
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const body = { channel: 'email', name: 'greeting' };
    expect((await stack.request('POST', '/v1/templates/test-send', body, as(support.token))).status).toBe(
      403,
    );
    expect(
      (await stack.request('POST', '/v1/templates/test-send', body, { authorization: `Bearer ${apiKey}` }))
        .status,
    ).toBe(403);

    const sent = await stack.request(
      'POST',
      '/v1/templates/test-send',
      { ...body, locale: 'en' },
      as(marketer.token),
    );
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ channel: 'email', to: marketer.email, sandbox: true });
    const message = (await stack.request('GET', `/v1/outbox/${sent.body.data.messageId}`)).body.data;
    expect(message).toMatchObject({
      test: true,
      runId: null,
      subject: 'Hello Ada',
      locale: 'en',
      status: 'sandboxed',
    });
    expect(message.bodyText).toContain('Hello:');
    const [audit] = await stack.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action = 'template.test_send' AND target_id = 'email/greeting'`,
    );
    expect(audit).toBeDefined();

    const sms = { channel: 'sms', source: 'Test {{customer.firstName}}' };
    const noPhone = await stack.request('POST', '/v1/templates/test-send', sms, as(marketer.token));
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.error.code).toBe('no_phone');
    const bad = await stack.request('PATCH', '/v1/auth/me', { phone: '12' }, as(marketer.token));
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_phone');
    const phone = await stack.request(
      'PATCH',
      '/v1/auth/me',
      { phone: '0532 123 45 67' },
      as(marketer.token),
    );
    expect(phone.body.data).toEqual({ phone: '+905321234567' });
    const text = await stack.request('POST', '/v1/templates/test-send', sms, as(marketer.token));
    expect(text.status).toBe(201);
    expect(text.body.data).toMatchObject({ channel: 'sms', to: '+905321234567', sandbox: true });
  });
});
