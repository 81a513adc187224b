/**
 * Query functions that answer whether an UPDATE or DELETE changed a row read the row count the
 * `Database` gives for those commands ([rows, rowCount], docs/architecture.md), not a rows array:
 * "nothing there" must answer false.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';
import { deleteStoreConnection } from '../src/store/store-connection.queries';
import { setSurveyComment } from '../src/surveys/survey.queries';

describe('row-count answers of UPDATE and DELETE', () => {
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

  it('deleteStoreConnection answers false with no connection and true when it removed one', async () => {
    expect(await deleteStoreConnection(database.query)).toBe(false);
    await db.query(
      `INSERT INTO store_connection (shop, admin_token_sealed, api_version) VALUES ('s.myshopify.com', 'x', '2025-10')`,
    );
    expect(await deleteStoreConnection(database.query)).toBe(true);
    expect(await db.query(`SELECT shop FROM store_connection`)).toEqual([]);
  });

  it('setSurveyComment answers false for a key with no answer and true when it stored the comment', async () => {
    expect(await setSurveyComment(database.query, 'survey.answered', 'survey:none', 'hello')).toBe(false);
    const [{ id: customerId }] = await db.query<{ id: string }>(
      `INSERT INTO customers (email) VALUES ('survey@example.com') RETURNING id`,
    );
    await db.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       VALUES ('survey:one', 'survey.answered', $1, 'survey', '{"answer": "5"}', now())`,
      [customerId],
    );
    expect(await setSurveyComment(database.query, 'survey.answered', 'survey:one', 'great')).toBe(true);
    const [row] = await db.query<{ comment: string }>(
      `SELECT properties ->> 'comment' AS comment FROM events WHERE idempotency_key = 'survey:one'`,
    );
    expect(row.comment).toBe('great');
  });
});
