/**
 * What stops even a transactional message, against a real PostgreSQL: a hard bounce, a spam report
 * or STOP in the consent history, until a later opt-in on that channel; a marketing unsubscribe
 * (the link, the store's own consent) does not.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { recordConsent } from '../src/consent/consent-ledger';
import { hardSuppression } from '../src/consent/hard-suppression.queries';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';

describe('hard suppression', () => {
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

  async function customer(): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO customers (email, phone) VALUES ($1, '+905321234567') RETURNING id`,
      [`c-${Math.random().toString(36).slice(2)}@example.com`],
    );
    return row.id;
  }

  it('a marketing unsubscribe or the store’s opt-out does not suppress', async () => {
    const id = await customer();
    await recordConsent(database.query, id, 'email', 'opted_out', 'unsubscribe_link');
    await recordConsent(database.query, id, 'sms', 'opted_out', 'shopify');
    await recordConsent(database.query, id, 'email', 'opted_out', 'sendgrid:unsubscribe');
    expect(await hardSuppression(database.query, id, 'email')).toBeNull();
    expect(await hardSuppression(database.query, id, 'sms')).toBeNull();
  });

  it('a hard bounce, a spam report, STOP and Twilio 21610 suppress their channel only, with the reason and date', async () => {
    const id = await customer();
    await recordConsent(database.query, id, 'email', 'opted_out', 'sendgrid:bounce');
    await recordConsent(database.query, id, 'sms', 'opted_out', 'inbound:STOP');
    await recordConsent(database.query, id, 'whatsapp', 'opted_out', 'twilio:21610');
    const today = new Date().toISOString().slice(0, 10);
    expect(await hardSuppression(database.query, id, 'email')).toBe(
      `the address hard-bounced on ${today} (even transactional messages are not sent)`,
    );
    expect(await hardSuppression(database.query, id, 'sms')).toBe(
      `the customer replied STOP on ${today} (even transactional messages are not sent)`,
    );
    expect(await hardSuppression(database.query, id, 'whatsapp')).toMatch(
      /^Twilio reports the number unsubscribed/,
    );
    const spam = await customer();
    await recordConsent(database.query, spam, 'email', 'opted_out', 'sendgrid:spamreport');
    expect(await hardSuppression(database.query, spam, 'email')).toMatch(
      /^the customer reported our email as spam/,
    );
    expect(await hardSuppression(database.query, spam, 'sms')).toBeNull();
  });

  it('a later opt-in on the channel lifts it; a later marketing opt-out does not hide it', async () => {
    const id = await customer();
    await recordConsent(database.query, id, 'sms', 'opted_out', 'inbound:STOP');
    await recordConsent(database.query, id, 'sms', 'opted_out', 'shopify');
    expect(await hardSuppression(database.query, id, 'sms')).toMatch(/replied STOP/);
    await recordConsent(database.query, id, 'sms', 'opted_in', 'inbound:START');
    expect(await hardSuppression(database.query, id, 'sms')).toBeNull();
  });
});
