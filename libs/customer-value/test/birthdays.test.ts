/**
 * Birthdays in the daily sweep, against a real PostgreSQL: each customer's `attributes.birthday`
 * (MM-DD or YYYY-MM-DD) becomes one `date.reached` event in the 24 hours before 10:00 of that day
 * in their own time zone (else the store's), once a year, whatever the sweep's hour.
 */
import 'reflect-metadata';
import { emitBirthdaysDue, openDatabase, type StandaloneDatabase } from '@waypoint/data';
import { TestDatabase } from '@waypoint/testing';
import { sweepLifecycle } from '../src/lifecycle-sweep';

describe('birthdays in the daily sweep', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 4);
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  async function customer(tag: string, birthday: unknown, timezone: string | null): Promise<string> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO customers (external_id, email, timezone, attributes) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tag, `${tag}@example.com`, timezone, birthday === undefined ? {} : { birthday }],
    );
    return rows[0].id;
  }

  async function birthdayEvents(): Promise<Array<{ customer: string; properties: unknown; key: string }>> {
    return db.query(
      `SELECT customer_id AS customer, properties, idempotency_key AS key FROM events
        WHERE type = 'date.reached' ORDER BY received_at, customer_id`,
    );
  }

  it('emits each birthday once, in the 24 hours before 10:00 local on the day, and again the next year', async () => {
    const istanbul = await customer('istanbul', '03-06', 'Europe/Istanbul');
    const losAngeles = await customer('los-angeles', '1990-03-06', 'America/Los_Angeles');
    const laToday = await customer('la-today', '03-05', 'America/Los_Angeles');
    const storeZone = await customer('store-zone', '03-06', null);
    const unknownZone = await customer('unknown-zone', '03-06', 'Mars/Olympus');
    await customer('not-a-date', 'soon', 'Europe/Istanbul');
    await customer('no-birthday', undefined, 'Europe/Istanbul');
    await customer('other-day', '07-14', 'Europe/Istanbul');

    // 08:00 UTC on 5 March: 11:00 in Istanbul (10:00 tomorrow is < 24 h away), 17:00 in Tokyo (the
    // store's zone), 00:00 in Los Angeles (10:00 today is < 24 h away; tomorrow's is not).
    const asOf = new Date('2027-03-05T08:00:00Z');
    expect(await emitBirthdaysDue(database.query, asOf, 'Asia/Tokyo')).toBe(4);
    const first = await birthdayEvents();
    expect(first.map((e) => e.customer).sort()).toEqual([istanbul, laToday, storeZone, unknownZone].sort());
    expect(first.find((e) => e.customer === istanbul)).toEqual({
      customer: istanbul,
      properties: { attribute: 'birthday', date: '2027-03-06', year: 2027 },
      key: `date.reached:birthday:${istanbul}:2027`,
    });
    expect(first.find((e) => e.customer === laToday)?.properties).toEqual({
      attribute: 'birthday',
      date: '2027-03-05',
      year: 2027,
    });

    // The same sweep again (a retry), and the next morning's: Istanbul's birthday is not sent twice;
    // Los Angeles' 6 March comes round (00:00 local on the 6th).
    expect(await emitBirthdaysDue(database.query, asOf, 'Asia/Tokyo')).toBe(0);
    const nextDay = new Date('2027-03-06T08:00:00Z');
    expect(await emitBirthdaysDue(database.query, nextDay, 'Asia/Tokyo')).toBe(1);
    const second = await birthdayEvents();
    expect(second.slice(first.length)).toEqual([
      {
        customer: losAngeles,
        properties: { attribute: 'birthday', date: '2027-03-06', year: 2027 },
        key: `date.reached:birthday:${losAngeles}:2027`,
      },
    ]);

    // A year later, once more.
    expect(await emitBirthdaysDue(database.query, new Date('2028-03-05T08:00:00Z'), 'Asia/Tokyo')).toBe(4);
    expect((await birthdayEvents()).filter((e) => e.key.endsWith(':2028'))).toHaveLength(4);
  });

  it('a 29 February birthday is kept on 28 February in other years, and on the 29th in leap years', async () => {
    const leapling = await customer('leapling', '2004-02-29', 'UTC');
    const keys = async () =>
      (await birthdayEvents()).filter((e) => e.customer === leapling).map((e) => e.properties);
    expect(await emitBirthdaysDue(database.query, new Date('2027-02-27T12:00:00Z'), 'UTC')).toBe(1);
    expect(await keys()).toEqual([{ attribute: 'birthday', date: '2027-02-28', year: 2027 }]);
    expect(await emitBirthdaysDue(database.query, new Date('2028-02-27T12:00:00Z'), 'UTC')).toBe(0);
    expect(await emitBirthdaysDue(database.query, new Date('2028-02-28T12:00:00Z'), 'UTC')).toBe(1);
    expect((await keys())[1]).toEqual({ attribute: 'birthday', date: '2028-02-29', year: 2028 });
  });

  it('the daily sweep emits them and counts them, in the zone it is given for customers without one', async () => {
    const id = await customer('swept', '11-20', null);
    // 09:30 UTC on 19 November is 12:30 in Istanbul: 10:00 on the 20th is less than 24 hours away.
    const result = await sweepLifecycle(
      database.query,
      new Date('2027-11-19T09:30:00Z'),
      (work) => database.transaction(work),
      'Europe/Istanbul',
    );
    expect(result.birthdays).toBe(1);
    expect((await birthdayEvents()).filter((e) => e.customer === id)).toEqual([
      {
        customer: id,
        properties: { attribute: 'birthday', date: '2027-11-20', year: 2027 },
        key: `date.reached:birthday:${id}:2027`,
      },
    ]);
  });
});
