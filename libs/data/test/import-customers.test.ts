/**
 * Import mode's customer resolution (`resolveImportCustomers`) in a real PostgreSQL: the merge rule
 * of one-by-one ingestion applied to a whole batch. A customer without an external id that one
 * profile of the batch claims with its external id is still the customer of a later profile that
 * names no external id, and is not taken by a profile with another external id.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { resolveImportCustomers, type ImportProfile } from '../src/events/event-import.queries';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';

describe('import mode: who each profile of a batch is', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 2);
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  const profile = (overrides: Partial<ImportProfile>): ImportProfile => ({
    externalId: null,
    email: null,
    phone: null,
    firstName: null,
    lastName: null,
    timezone: null,
    locale: null,
    attributes: {},
    ...overrides,
  });

  it('a profile without an external id matches the customer an earlier profile of the batch claimed', async () => {
    const [guest] = await db.query<{ id: string }>(
      `INSERT INTO customers (email) VALUES ('claimed@example.com') RETURNING id`,
    );
    const ids = await database.transaction((query) =>
      resolveImportCustomers(query, [
        profile({ externalId: 'imp-1', email: 'claimed@example.com' }),
        profile({ email: 'claimed@example.com' }),
        profile({ externalId: 'imp-2', email: 'claimed@example.com' }),
      ]),
    );
    expect(ids[0]).toBe(guest.id);
    expect(ids[1]).toBe(guest.id);
    // Another external id does not take a customer that has one now.
    expect(ids[2]).not.toBe(guest.id);
    const rows = await db.query<{ external_id: string | null }>(
      `SELECT external_id FROM customers WHERE lower(email) = 'claimed@example.com' ORDER BY created_at`,
    );
    expect(rows.map((r) => r.external_id)).toEqual(['imp-1', 'imp-2']);
  });
});
