/**
 * The consent ledger against a real PostgreSQL: the store's consent applies newest-wins with its
 * history, engine changes queue a write-back only for Shopify customers, and the write-back
 * outbox is claimed by one worker at a time (FOR UPDATE SKIP LOCKED), superseded rows are told
 * apart, and an outcome is written only with the claim that owns the row.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { DataSource } from 'typeorm';
import { applyStoreConsents, recordConsent, type StoreConsent } from '../src/consent/consent-ledger';
import {
  claimConsentWritebacks,
  finishConsentWriteback,
  retryConsentWriteback,
  type ClaimedConsentWriteback,
} from '../src/consent/consent-writeback.queries';
import { Database, type Query } from '../src/database';
import { dataSourceOptions } from '../src/data-source-options';

describe('consent ledger', () => {
  const db = new TestDatabase();
  let dataSource: DataSource;
  let database: Database;
  // Through TypeORM, as the apps run these functions (its query() answers a bare UPDATE differently).
  let query: Query;

  async function customer(externalId: string | null): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO customers (external_id, email) VALUES ($1, $2) RETURNING id`,
      [externalId, `c-${Math.random().toString(36).slice(2)}@example.com`],
    );
    return row.id;
  }

  const consent = async (customerId: string, channel = 'email') =>
    (
      await db.query<{ status: string; source: string; updated_at: Date; opt_in_level: string | null }>(
        `SELECT status, source, updated_at, opt_in_level FROM customer_consents WHERE customer_id = $1 AND channel = $2`,
        [customerId, channel],
      )
    )[0];
  const history = async (customerId: string, channel = 'email') =>
    (
      await db.query<{ status: string; source: string; opt_in_level: string | null }>(
        `SELECT status, source, opt_in_level FROM consent_history WHERE customer_id = $1 AND channel = $2 ORDER BY recorded_at, id`,
        [customerId, channel],
      )
    ).map((h) => `${h.status} ${h.source}${h.opt_in_level ? ` ${h.opt_in_level}` : ''}`);
  const store = (customerId: string, c: Omit<Partial<StoreConsent>, 'at'> & { at: string }) =>
    applyStoreConsents(query, [
      {
        customerId,
        channel: 'email',
        status: 'opted_in',
        optInLevel: null,
        ...c,
        at: new Date(c.at),
      },
    ]);

  beforeAll(async () => {
    await db.create();
    dataSource = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
    database = new Database(dataSource);
    query = database.query;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('applies the store consent only when newer than what it holds, keeping the history', async () => {
    const id = await customer('1001');
    expect(
      await store(id, { status: 'opted_in', optInLevel: 'single_opt_in', at: '2026-03-02T10:00:00Z' }),
    ).toBe(1);
    // A late delivery of an older state changes nothing.
    expect(await store(id, { status: 'opted_out', at: '2026-03-01T10:00:00Z' })).toBe(0);
    expect(await consent(id)).toEqual({
      status: 'opted_in',
      source: 'shopify',
      updated_at: new Date('2026-03-02T10:00:00Z'),
      opt_in_level: 'single_opt_in',
    });
    // The same status at a newer time: the time and level move on, no history row.
    expect(
      await store(id, { status: 'opted_in', optInLevel: 'confirmed_opt_in', at: '2026-03-03T10:00:00Z' }),
    ).toBe(0);
    expect(await consent(id)).toMatchObject({
      opt_in_level: 'confirmed_opt_in',
      updated_at: new Date('2026-03-03T10:00:00Z'),
    });
    expect(
      await store(id, { status: 'opted_out', optInLevel: 'single_opt_in', at: '2026-03-04T10:00:00Z' }),
    ).toBe(1);
    expect(await consent(id)).toMatchObject({ status: 'opted_out', source: 'shopify' });
    expect(await history(id)).toEqual(['opted_in shopify single_opt_in', 'opted_out shopify single_opt_in']);
  });

  it('keeps a change taken here over an older store state, and yields to a newer one', async () => {
    const id = await customer('1002');
    await recordConsent(query, id, 'email', 'opted_out', 'unsubscribe_link');
    const taken = (await consent(id)).updated_at;
    expect(
      await store(id, { status: 'opted_in', at: new Date(taken.getTime() - 60_000).toISOString() }),
    ).toBe(0);
    expect(await consent(id)).toMatchObject({ status: 'opted_out', source: 'unsubscribe_link' });
    // The store echoing our own change later: same status, so where it came from stays ours.
    expect(
      await store(id, { status: 'opted_out', at: new Date(taken.getTime() + 1_000).toISOString() }),
    ).toBe(0);
    expect(await consent(id)).toMatchObject({ status: 'opted_out', source: 'unsubscribe_link' });
    expect(
      await store(id, { status: 'opted_in', at: new Date(taken.getTime() + 60_000).toISOString() }),
    ).toBe(1);
    expect(await history(id)).toEqual(['opted_out unsubscribe_link', 'opted_in shopify']);
  });

  it('takes the newest of several changes at once, per customer and channel', async () => {
    const a = await customer('1003');
    const b = await customer('1004');
    const changed = await applyStoreConsents(query, [
      {
        customerId: a,
        channel: 'sms',
        status: 'opted_out',
        optInLevel: null,
        at: new Date('2026-01-01T00:00:00Z'),
      },
      {
        customerId: a,
        channel: 'sms',
        status: 'opted_in',
        optInLevel: 'single_opt_in',
        at: new Date('2026-01-02T00:00:00Z'),
      },
      {
        customerId: b,
        channel: 'sms',
        status: 'opted_in',
        optInLevel: null,
        at: new Date('2026-01-01T00:00:00Z'),
      },
      {
        customerId: b,
        channel: 'email',
        status: 'opted_out',
        optInLevel: null,
        at: new Date('2026-01-01T00:00:00Z'),
      },
    ]);
    expect(changed).toBe(3);
    expect(await consent(a, 'sms')).toMatchObject({ status: 'opted_in', opt_in_level: 'single_opt_in' });
    expect(await history(a, 'sms')).toEqual(['opted_in shopify single_opt_in']);
  });

  it('lets the legacy accepts_marketing: false only withdraw an opt-in', async () => {
    const never = await customer('1005');
    expect(await store(never, { status: 'opted_out', withdrawOnly: true, at: '2026-02-01T00:00:00Z' })).toBe(
      0,
    );
    expect(await consent(never)).toBeUndefined();
    const subscribed = await customer('1006');
    await store(subscribed, { status: 'opted_in', at: '2026-02-01T00:00:00Z' });
    expect(
      await store(subscribed, { status: 'opted_out', withdrawOnly: true, at: '2026-02-02T00:00:00Z' }),
    ).toBe(1);
    expect(await consent(subscribed)).toMatchObject({ status: 'opted_out', source: 'shopify' });
  });

  it('queues a write-back with the change, only for Shopify customers and changes not from the store', async () => {
    const shopify = await customer('7123409283175');
    const storefront = await customer('p-1');
    const unknown = await customer(null);
    const queued = async (id: string) =>
      db.query<{ channel: string; status: string; source: string; occurred_at: Date }>(
        `SELECT channel, status, source, occurred_at FROM consent_writebacks WHERE customer_id = $1 ORDER BY created_at`,
        [id],
      );
    for (const id of [shopify, storefront, unknown])
      await recordConsent(query, id, 'email', 'opted_out', 'unsubscribe_link', { writeBack: true });
    // Unchanged: nothing to tell the store; WhatsApp: the store has no such channel.
    await recordConsent(query, shopify, 'email', 'opted_out', 'unsubscribe_link', { writeBack: true });
    await recordConsent(query, shopify, 'whatsapp', 'opted_out', 'inbound:STOP', { writeBack: true });
    await recordConsent(query, shopify, 'sms', 'opted_in', 'shopify:test.myshopify.com', { writeBack: true });
    await recordConsent(query, shopify, 'sms', 'opted_out', 'sendgrid:bounce');
    const rows = await queued(shopify);
    expect(rows.map((r) => `${r.channel} ${r.status} ${r.source}`)).toEqual([
      'email opted_out unsubscribe_link',
    ]);
    expect(rows[0].occurred_at).toEqual((await consent(shopify)).updated_at);
    expect(await queued(storefront)).toEqual([]);
    expect(await queued(unknown)).toEqual([]);
  });

  it('hands each due write-back to one claimer, tells superseded ones apart, and finishes only with the owning claim', async () => {
    await db.query(
      `UPDATE consent_writebacks SET done_at = now(), outcome = 'written' WHERE done_at IS NULL`,
    );
    const id = await customer('9001');
    const other = await customer('9002');
    // STOP, START, STOP on one number, and one change for another customer.
    await recordConsent(query, id, 'sms', 'opted_out', 'inbound:STOP', { writeBack: true });
    await recordConsent(query, id, 'sms', 'opted_in', 'inbound:START', { writeBack: true });
    await recordConsent(query, other, 'email', 'opted_out', 'unsubscribe_link', { writeBack: true });

    // The first claimer holds its row (transaction open) while the second claims: it gets the others.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let mine: ClaimedConsentWriteback[] = [];
    const first = database.transaction(async (q) => {
      mine = await claimConsentWritebacks(q, 1, 60_000);
      await held;
    });
    while (mine.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const theirs = await database.transaction((q) => claimConsentWritebacks(q, 10, 60_000));
    release();
    await first;
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(2);
    const ids = [...mine, ...theirs].map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
    // Claimed rows are leased: nobody gets them again before the lease ends.
    expect(await claimConsentWritebacks(query, 10, 60_000)).toEqual([]);

    const all = [...mine, ...theirs];
    const stop = all.find((c) => c.customerId === id && c.status === 'opted_out')!;
    const start = all.find((c) => c.customerId === id && c.status === 'opted_in')!;
    const unsubscribe = all.find((c) => c.customerId === other)!;
    expect(stop.supersededBy).toBe('a later change is queued');
    expect(start).toMatchObject({ supersededBy: null, externalId: '9001', channel: 'sms', attempts: 1 });
    expect(unsubscribe.supersededBy).toBeNull();

    // A failed attempt comes back after its delay, as a new claim; the old claim can no longer finish it.
    expect(await retryConsentWriteback(query, unsubscribe, 'HTTP 503', 0)).toBe(true);
    const [again] = await claimConsentWritebacks(query, 10, 60_000);
    expect(again).toMatchObject({ id: unsubscribe.id, attempts: 2 });
    expect(await finishConsentWriteback(query, unsubscribe, 'written')).toBe(false);
    expect(await finishConsentWriteback(query, again, 'written')).toBe(true);
    const [row] = await db.query(
      `SELECT attempts, last_error, outcome, done_at FROM consent_writebacks WHERE id = $1`,
      [again.id],
    );
    expect(row).toMatchObject({
      attempts: 2,
      last_error: 'HTTP 503',
      outcome: 'written',
      done_at: expect.any(Date),
    });
  });
});
