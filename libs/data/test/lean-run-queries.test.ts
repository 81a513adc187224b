/**
 * The statements a one-message run leans on, against a real PostgreSQL: a run's start decided and
 * written in one statement under the decision lock (one run per event, re-entry held under
 * concurrency), the outbox sweep's lock, a send's customer with their consent, a run's template
 * with its layouts, a message's claim storing its tracked links, a coupon with its customer's external id, and a webhook's customer look-up
 * (identity locks and the merge rule, one statement each).
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { recordConsent } from '../src/consent/consent-ledger';
import { findVisitCoupon, insertCoupon } from '../src/coupons/coupon.queries';
import { insertSendingMessage } from '../src/messages/message-ledger.queries';
import { findSendCustomer, findSendRecipient } from '../src/customers/customer-profile.queries';
import { findCustomerForProfile, lockCustomerIdentities } from '../src/customers/customer.queries';
import {
  lockRunDecision,
  startRunUnlessBlocked,
  tryLockRoutingSweep,
  unroutedEventIds,
} from '../src/events/routing.queries';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';
import {
  findPinnedTemplateVersions,
  findVersionPinnedTemplates,
} from '../src/templates/template-version.queries';

describe('lean run queries', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;
  let journeyId: string;

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 4);
    [{ id: journeyId }] = await db.query<{ id: string }>(
      `INSERT INTO journeys (name, status, draft, published_version) VALUES ('Lean', 'live', '{}', 1) RETURNING id`,
    );
    await db.query(`INSERT INTO journey_versions (journey_id, version, definition) VALUES ($1, 1, '{}')`, [
      journeyId,
    ]);
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  async function customer(externalId: string | null = null): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO customers (external_id, email, first_name, locale, attributes, loyalty_points)
       VALUES ($1, $2, 'Ada', 'tr-TR', '{"tier":"gold"}', 7) RETURNING id`,
      [externalId, `c-${Math.random().toString(36).slice(2)}@example.com`],
    );
    return row.id;
  }

  async function event(customerId: string): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `WITH e AS (
         INSERT INTO events (idempotency_key, type, customer_id, source, occurred_at)
         VALUES ($1, 'customer.updated', $2, 'api', now()) RETURNING id, received_at
       ), outbox AS (
         INSERT INTO event_outbox (event_id, received_at) SELECT id, received_at FROM e
       )
       SELECT id FROM e`,
      [`e-${Math.random().toString(36).slice(2)}`, customerId],
    );
    return row.id;
  }

  type Start = { customerId: string; eventId: string; entryKey?: string; mode?: string; since?: Date | null };

  function start(s: Start) {
    return database.transaction(async (query) => {
      await lockRunDecision(query, journeyId, s.customerId);
      return startRunUnlessBlocked(query, {
        journeyId,
        version: 1,
        customerId: s.customerId,
        eventId: s.eventId,
        entryKey: s.entryKey ?? '',
        mode: s.mode ?? 'after_exit',
        since: s.since ?? null,
      });
    });
  }

  async function runsOf(customerId: string) {
    return db.query<{ id: string; status: string; workflow_id: string; trigger_event_id: string }>(
      `SELECT id, status, workflow_id, trigger_event_id FROM runs WHERE customer_id = $1`,
      [customerId],
    );
  }

  it('starts one run per event: routing the event again answers the run it started', async () => {
    const c = await customer();
    const e = await event(c);
    const first = await start({ customerId: c, eventId: e });
    expect(first).toEqual({ id: expect.any(String), status: 'running' });
    const [row] = await runsOf(c);
    expect(row).toEqual({
      id: first!.id,
      status: 'running',
      workflow_id: `run-${first!.id}`,
      trigger_event_id: e,
    });
    expect(await start({ customerId: c, eventId: e })).toEqual(first);
    await db.query(`UPDATE runs SET status = 'completed' WHERE id = $1`, [first!.id]);
    // Finished: answered as it is (the router starts nothing for it), and no second run.
    expect(await start({ customerId: c, eventId: e })).toEqual({ id: first!.id, status: 'completed' });
    expect(await runsOf(c)).toHaveLength(1);
  });

  it('holds re-entry: after_exit per entry key while running, never, and the cooldown', async () => {
    const c = await customer();
    const a = await start({ customerId: c, eventId: await event(c), entryKey: 'cart-1' });
    expect(a?.status).toBe('running');
    expect(await start({ customerId: c, eventId: await event(c), entryKey: 'cart-1' })).toBeNull();
    expect((await start({ customerId: c, eventId: await event(c), entryKey: 'cart-2' }))?.status).toBe(
      'running',
    );
    await db.query(`UPDATE runs SET status = 'completed' WHERE customer_id = $1`, [c]);
    expect((await start({ customerId: c, eventId: await event(c), entryKey: 'cart-1' }))?.status).toBe(
      'running',
    );
    await db.query(`UPDATE runs SET status = 'completed' WHERE customer_id = $1`, [c]);
    expect(await start({ customerId: c, eventId: await event(c), mode: 'never' })).toBeNull();
    const cooling = { customerId: c, eventId: await event(c), mode: 'cooldown' };
    expect(await start({ ...cooling, since: new Date(Date.now() - 60_000) })).toBeNull();
    expect((await start({ ...cooling, since: new Date(Date.now() + 60_000) }))?.status).toBe('running');
    expect(await runsOf(c)).toHaveLength(4);
  });

  it('starts one run when many events of one customer race for the same entry key', async () => {
    const c = await customer();
    const events = await Promise.all(Array.from({ length: 8 }, () => event(c)));
    const started = await Promise.all(events.map((e) => start({ customerId: c, eventId: e })));
    expect(started.filter((s) => s !== null)).toHaveLength(1);
    expect(await runsOf(c)).toHaveLength(1);
  });

  it('lets one sweep hold the outbox lock at a time, and leaves young events out', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstLocked!: (locked: boolean) => void;
    const first = new Promise<boolean>((resolve) => (firstLocked = resolve));
    const holder = database.transaction(async (query) => {
      firstLocked(await tryLockRoutingSweep(query));
      await held;
    });
    expect(await first).toBe(true);
    expect(await database.transaction((query) => tryLockRoutingSweep(query))).toBe(false);
    release();
    await holder;
    expect(await database.transaction((query) => tryLockRoutingSweep(query))).toBe(true);

    const young = await event(await customer());
    expect(await unroutedEventIds(database.query, 10_000)).toContain(young);
    expect(await unroutedEventIds(database.query, 10_000, 60_000)).not.toContain(young);
  });

  it('reads a send’s customer with their consent on the channel in one statement', async () => {
    const c = await customer('ext-1');
    await recordConsent(database.query, c, 'sms', 'opted_in', 'shopify');
    const profile = {
      id: c,
      externalId: 'ext-1',
      email: expect.stringMatching(/@example\.com$/),
      phone: null,
      firstName: 'Ada',
      lastName: null,
      locale: 'tr-TR',
      loyaltyPoints: 7,
      attributes: { tier: 'gold' },
    };
    expect(await findSendCustomer(database.query, c)).toEqual(profile);
    expect(await findSendRecipient(database.query, c, 'sms')).toEqual({
      customer: profile,
      consent: { status: 'opted_in', source: 'shopify', updatedAt: expect.any(Date) },
    });
    expect(await findSendRecipient(database.query, c, 'email')).toEqual({
      customer: profile,
      consent: { status: null, source: null, updatedAt: null },
    });
    expect(
      await findSendRecipient(database.query, '00000000-0000-4000-8000-000000000000', 'email'),
    ).toBeNull();
  });

  it('reads a run’s pinned template with the channel’s pinned layouts, and no other template', async () => {
    await db.query(
      `INSERT INTO template_versions (channel, name, version, variants)
       VALUES ('email', 'welcome', 3, '{"en":"welcome v3"}'), ('email', 'layouts/default', 2, '{"en":"layout v2"}'),
              ('email', 'other', 1, '{"en":"other"}'), ('sms', 'welcome', 1, '{"en":"sms"}')`,
    );
    await db.query(
      `INSERT INTO journey_version_templates (journey_id, journey_version, channel, name, template_version)
       VALUES ($1, 1, 'email', 'welcome', 3), ($1, 1, 'email', 'layouts/default', 2),
              ($1, 1, 'email', 'other', 1), ($1, 1, 'sms', 'welcome', 1)`,
      [journeyId],
    );
    const c = await customer();
    const run = await start({ customerId: c, eventId: await event(c) });
    const byName = (rows: Array<{ name: string; version: number; variants: Record<string, string> }>) =>
      Object.fromEntries(rows.map((r) => [r.name, { version: r.version, variants: r.variants }]));
    const expected = {
      welcome: { version: 3, variants: { en: 'welcome v3' } },
      'layouts/default': { version: 2, variants: { en: 'layout v2' } },
    };
    expect(byName(await findPinnedTemplateVersions(database.query, run!.id, 'email', 'welcome'))).toEqual(
      expected,
    );
    expect(
      byName(await findVersionPinnedTemplates(database.query, journeyId, 1, 'email', 'welcome')),
    ).toEqual(expected);
    expect(byName(await findPinnedTemplateVersions(database.query, run!.id, 'sms', 'welcome'))).toEqual({
      welcome: { version: 1, variants: { en: 'sms' } },
    });
    expect(await findPinnedTemplateVersions(database.query, run!.id, 'email', 'missing')).toHaveLength(1);
  });

  it('answers a coupon with its customer’s external id, inserted or found again', async () => {
    const c = await customer('8123456789');
    const run = await start({ customerId: c, eventId: await event(c) });
    const key = { runId: run!.id, nodeId: 'coupon', visit: 1 };
    const coupon = { ...key, customerId: c, kind: 'percent' as const, value: 10, expiresAt: null };
    const issued = await insertCoupon(database.query, { ...coupon, code: `LEAN-${Date.now()}` });
    expect(issued).toMatchObject({ store_status: 'local', customer_external_id: '8123456789' });
    expect(await insertCoupon(database.query, { ...coupon, code: `LEAN2-${Date.now()}` })).toBeNull();
    expect(await findVisitCoupon(database.query, key)).toMatchObject({
      code: issued!.code,
      customer_external_id: '8123456789',
    });
  });

  it('finds a webhook’s customer by external id, then email, then phone, as the merge rule says', async () => {
    const tag = Math.random().toString(36).slice(2);
    const insert = async (externalId: string | null, email: string | null, phone: string | null) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO customers (external_id, email, phone) VALUES ($1, $2, $3) RETURNING id`,
          [externalId, email, phone],
        )
      )[0].id;
    const byExternal = await insert(`x-${tag}`, `other-${tag}@example.com`, null);
    const byEmail = await insert(null, `Mail-${tag}@Example.com`, null);
    const elsewhere = await insert(`y-${tag}`, `taken-${tag}@example.com`, `+9053${tag.length}0000001`);
    const byPhone = await insert(null, null, `+9053${tag.length}0000002`);
    const find = (x: string | null, e: string | null, p: string | null) =>
      database.transaction((query) => findCustomerForProfile(query, x, e, p));
    expect(await find(`x-${tag}`, `mail-${tag}@example.com`, null)).toBe(byExternal);
    expect(await find(`new-${tag}`, `mail-${tag}@example.com`, null)).toBe(byEmail);
    expect(await find(null, `mail-${tag}@example.com`, null)).toBe(byEmail);
    // Email and phone never match a customer with another external id.
    expect(await find(`new-${tag}`, `taken-${tag}@example.com`, `+9053${tag.length}0000001`)).toBeNull();
    expect(await find(`y-${tag}`, null, null)).toBe(elsewhere);
    expect(await find(null, `none-${tag}@example.com`, `+9053${tag.length}0000002`)).toBe(byPhone);
    expect(await find(`none-${tag}`, `none-${tag}@example.com`, null)).toBeNull();
  });

  it('holds every identity lock of a delivery until its transaction ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const first = new Promise<void>((resolve) => (locked = resolve));
    const holder = database.transaction(async (query) => {
      await lockCustomerIdentities(query, ['e:lock@example.com', 'x:lock-1']);
      locked();
      await held;
    });
    await first;
    const order: string[] = [];
    const waiter = database
      .transaction((query) => lockCustomerIdentities(query, ['x:lock-1']))
      .then(() => order.push('second locked'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push('first released');
    release();
    await Promise.all([holder, waiter]);
    expect(order).toEqual(['first released', 'second locked']);
  });

  it('claims a message and stores its tracked links in one statement; a retry stores nothing new', async () => {
    const c = await customer();
    const run = await start({ customerId: c, eventId: await event(c) });
    const key = { runId: run!.id, nodeId: 'email', visit: 1, customerId: c };
    const content = {
      channel: 'email' as const,
      template: 'welcome',
      to: 'a@example.com',
      from: 'shop@example.com',
      subject: 'Hi',
      bodyHtml: '<a href="https://shop.example/c/t1">x</a>',
      bodyText: 'x',
      headers: {},
      provider: 'sandbox',
      segments: null,
    };
    const links = ['t1', 't2'].map((t) => ({
      token: `${t}-${run!.id}`,
      run_id: run!.id,
      node_id: 'email',
      customer_id: c,
      url: `https://shop.example/${t}`,
    }));
    const claimed = await insertSendingMessage(database.query, key, content, links);
    expect(claimed).toEqual({ id: expect.any(String), status: 'sending', to_address: 'a@example.com' });
    const stored = () =>
      db.query<{ token: string; url: string }>(
        `SELECT token, url FROM tracked_links WHERE run_id = $1 ORDER BY token`,
        [run!.id],
      );
    expect(await stored()).toEqual(links.map(({ token, url }) => ({ token, url })));
    expect(await insertSendingMessage(database.query, key, content, links)).toBeNull();
    expect(await stored()).toHaveLength(2);
    expect(await insertSendingMessage(database.query, { ...key, nodeId: 'sms' }, content)).toMatchObject({
      status: 'sending',
    });
  });
});
