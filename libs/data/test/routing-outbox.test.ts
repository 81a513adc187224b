/**
 * The routing outbox (`event_outbox`, docs/architecture.md, "How a webhook becomes an email") in a
 * real PostgreSQL: every insert that routes writes the event's outbox row in the same statement, so
 * the row commits (or rolls back) with the event; imported history writes none; routing reads the
 * outbox oldest first and deletes the rows it routed, leaving the events as they were; deleting an
 * event takes its row along. The migration moves the unrouted events into the outbox and back.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { DataSource } from 'typeorm';
import { insertCanonicalEvent } from '../src/canonical-events';
import { dataSourceOptions } from '../src/data-source-options';
import { insertImportedEvents } from '../src/events/event-import.queries';
import {
  insertEvent,
  insertEventForExternalId,
  insertEvents,
  insertEventsForExternalIds,
  type EventInsert,
} from '../src/events/event.queries';
import { markEventsRouted, unroutedEventIds, unroutedEvents } from '../src/events/routing.queries';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';

describe('the routing outbox', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;
  let nextKey = 0;

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 4);
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  const customer = async (externalId: string | null = null) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO customers (external_id, email) VALUES ($1, gen_random_uuid() || '@example.com') RETURNING id`,
        [externalId],
      )
    )[0].id;

  const incoming = (overrides: Partial<EventInsert> = {}): EventInsert => ({
    idempotencyKey: `outbox-test-${nextKey++}`,
    type: 'customer.updated',
    source: 'api',
    properties: { n: nextKey },
    occurredAt: new Date(),
    ...overrides,
  });

  /** The event's outbox row (its received_at), or null when there is none; read by its own connection. */
  async function outboxRow(eventId: string): Promise<{ received_at: Date } | null> {
    const [row] = await db.query<{ received_at: Date }>(
      `SELECT received_at FROM event_outbox WHERE event_id = $1`,
      [eventId],
    );
    return row ?? null;
  }

  const eventExists = async (eventId: string) =>
    (await db.query(`SELECT 1 FROM events WHERE id = $1`, [eventId])).length === 1;

  it('an API event gets its outbox row in the same transaction as the event', async () => {
    const customerId = await customer();
    let seenInside: { received_at: Date } | null = null;
    let seenOutside: { received_at: Date } | null | undefined;
    const id = await database.transaction(async (query) => {
      const stored = (await insertEvent(query, incoming(), customerId)) as string;
      [seenInside] = (await query(`SELECT received_at FROM event_outbox WHERE event_id = $1`, [
        stored,
      ])) as unknown as Array<{ received_at: Date }>;
      // Not committed yet: another connection sees neither the event nor its row.
      seenOutside = await outboxRow(stored);
      expect(await eventExists(stored)).toBe(false);
      return stored;
    });
    expect(seenInside).not.toBeNull();
    expect(seenOutside).toBeNull();
    const [event] = await db.query<{ received_at: Date }>(`SELECT received_at FROM events WHERE id = $1`, [
      id,
    ]);
    // Committed together, received at the same moment.
    expect((await outboxRow(id))?.received_at).toEqual(event.received_at);

    // Rolled back together: neither stays.
    let rolledBack = '';
    await expect(
      database.transaction(async (query) => {
        rolledBack = (await insertEvent(query, incoming(), customerId)) as string;
        throw new Error('the request failed after the insert');
      }),
    ).rejects.toThrow('the request failed after the insert');
    expect(rolledBack).not.toBe('');
    expect(await eventExists(rolledBack)).toBe(false);
    expect(await outboxRow(rolledBack)).toBeNull();
  });

  it('every insert that routes writes one outbox row per new event, and a repeated key none', async () => {
    const externalId = `outbox-${Math.random().toString(36).slice(2)}`;
    const customerId = await customer(externalId);
    const single = incoming();
    const alone = await insertEventForExternalId(database.query, single, externalId);
    const together = await insertEventsForExternalIds(database.query, [
      { ...incoming(), externalId },
      { ...incoming(), externalId },
    ]);
    const batch = await insertEvents(database.query, [
      { ...incoming(), customerId },
      { ...incoming(), customerId },
    ]);
    const canonical = await insertCanonicalEvent(database.query, {
      ...incoming({ type: 'lifecycle.stage_changed' }),
      customerId,
    });
    const ids = [alone?.id, ...together.map((r) => r.id), ...batch.map((r) => r.id), canonical];
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(alone?.customer_id).toBe(customerId);
    expect(together.map((r) => r.customer_id)).toEqual([customerId, customerId]);
    for (const id of ids) expect(await outboxRow(id as string)).not.toBeNull();

    // A repeat stores nothing and queues nothing again (the first row is routed meanwhile).
    await markEventsRouted(database.query, [alone?.id as string]);
    expect(await insertEventForExternalId(database.query, single, externalId)).toBeNull();
    expect(await insertEvent(database.query, single, customerId)).toBeNull();
    expect(await outboxRow(alone?.id as string)).toBeNull();
  });

  it('imported history is stored as routed: no outbox row', async () => {
    const customerId = await customer();
    const imported = await insertImportedEvents(database.query, [
      { ...incoming({ type: 'order.placed' }), customerId },
      { ...incoming({ type: 'order.placed' }), customerId },
    ]);
    expect(imported).toHaveLength(2);
    for (const row of imported) {
      expect(await eventExists(row.id)).toBe(true);
      expect(await outboxRow(row.id)).toBeNull();
    }
    expect(
      await unroutedEvents(
        database.query,
        imported.map((r) => r.id),
      ),
    ).toEqual([]);
  });

  it('routing reads the outbox oldest first and deletes what it routed, leaving the events', async () => {
    const customerId = await customer();
    const [older, newer] = await Promise.all([
      insertEvent(database.query, incoming(), customerId),
      insertEvent(database.query, incoming(), customerId),
    ]).then((ids) => ids as string[]);
    await db.query(`UPDATE event_outbox SET received_at = now() - interval '1 hour' WHERE event_id = $1`, [
      older,
    ]);
    await db.query(
      `UPDATE event_outbox SET received_at = now() - interval '30 minutes' WHERE event_id = $1`,
      [newer],
    );
    const pending = await unroutedEventIds(database.query, 10_000, 60_000);
    expect(pending.indexOf(older)).toBeGreaterThanOrEqual(0);
    expect(pending.indexOf(older)).toBeLessThan(pending.indexOf(newer));

    const read = await unroutedEvents(database.query, [older, newer]);
    expect(read.map((e) => e.id).sort()).toEqual([older, newer].sort());
    expect(read.every((e) => e.customer_id === customerId && e.type === 'customer.updated')).toBe(true);

    await markEventsRouted(database.query, [older]);
    expect(await outboxRow(older)).toBeNull();
    expect(await eventExists(older)).toBe(true);
    expect((await unroutedEvents(database.query, [older, newer])).map((e) => e.id)).toEqual([newer]);
    expect(await unroutedEventIds(database.query, 10_000, 60_000)).not.toContain(older);

    // An erased event leaves the outbox with it.
    await db.query(`DELETE FROM events WHERE id = $1`, [newer]);
    expect(await outboxRow(newer)).toBeNull();
  });

  it('the migration moves the unrouted events into the outbox, and back on the way down', async () => {
    const scratch = new TestDatabase();
    await scratch.create();
    const dataSource = await new DataSource(dataSourceOptions(scratch.url, 1)).initialize();
    try {
      const [{ id: customerId }] = await scratch.query<{ id: string }>(
        `INSERT INTO customers (email) VALUES ('migration@example.com') RETURNING id`,
      );
      const event = async (key: string, outbox: boolean) => {
        const [{ id }] = await scratch.query<{ id: string }>(
          `INSERT INTO events (idempotency_key, type, customer_id, source, occurred_at)
           VALUES ($1, 'customer.updated', $2, 'api', now()) RETURNING id`,
          [key, customerId],
        );
        if (outbox) await scratch.query(`INSERT INTO event_outbox (event_id) VALUES ($1)`, [id]);
        return id;
      };
      const waiting = await event('waiting', true);
      const routed = await event('routed', false);

      await dataSource.undoLastMigration();
      const down = await scratch.query<{ id: string; routed: boolean }>(
        `SELECT id, routed_at IS NOT NULL AS routed FROM events ORDER BY idempotency_key`,
      );
      expect(down).toEqual([
        { id: routed, routed: true },
        { id: waiting, routed: false },
      ]);
      expect(await scratch.query(`SELECT to_regclass('event_outbox') AS t`)).toEqual([{ t: null }]);

      await dataSource.runMigrations();
      const up = await scratch.query<{ event_id: string }>(`SELECT event_id FROM event_outbox`);
      expect(up).toEqual([{ event_id: waiting }]);
      const columns = await scratch.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'routed_at'`,
      );
      expect(columns).toEqual([]);
    } finally {
      await dataSource.destroy();
      await scratch.drop();
    }
  });
});
