/**
 * Birthdays (docs/product.md, "trigger.date"): the daily sweep emits `date.reached`
 * `{attribute: "birthday", date, year}` for every customer whose `attributes.birthday` (`MM-DD` or
 * `YYYY-MM-DD`) comes round, in one statement. "Comes round" is the 24 hours before 10:00 on that
 * day in the customer's time zone (else the store's), so a sweep once a day finds each birthday
 * exactly once and a journey's `wait.until 10:00` lands on the morning of the day wherever the
 * customer lives. A 29 February birthday is kept on 28 February in other years. Idempotent per
 * customer and year (the event's key), so a second sweep, a retry or a changed birthday emits
 * nothing twice in a year. The events get their routing outbox rows in the same statement.
 */
import type { Query } from '../database';
import { queueForRouting } from '../events/routing.queries';

/** The local time of day birthday journeys send at; the sweep looks 24 hours ahead of it. */
export const BIRTHDAY_LOCAL_HOUR = 10;

/** Emits the birthdays due at `asOf`; returns how many events were stored. */
export async function emitBirthdaysDue(query: Query, asOf: Date, storeTimeZone: string): Promise<number> {
  const rows = await query(
    `WITH zones AS MATERIALIZED (SELECT name FROM pg_timezone_names),
     people AS (
       SELECT c.id, right(c.attributes->>'birthday', 5) AS md,
              CASE WHEN c.timezone IN (SELECT name FROM zones) THEN c.timezone ELSE $2 END AS zone
         FROM customers c
        WHERE c.attributes->>'birthday' ~ '^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
     ),
     due AS (
       SELECT p.id, d.day
         FROM people p,
              LATERAL (SELECT (($1::timestamptz AT TIME ZONE p.zone) + make_interval(hours => 24 - $3::int))::date AS day) d
        WHERE to_char(d.day, 'MM-DD') = p.md
           OR (p.md = '02-29' AND to_char(d.day, 'MM-DD') = '02-28'
               AND extract(day FROM date_trunc('year', d.day) + interval '2 months' - interval '1 day') = 28)
     ),
     written AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT 'date.reached:birthday:' || id || ':' || extract(year FROM day)::int, 'date.reached', id,
              'waypoint:dates',
              jsonb_build_object('attribute', 'birthday', 'date', to_char(day, 'YYYY-MM-DD'),
                                 'year', extract(year FROM day)::int),
              $1
         FROM due
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, received_at
     ),
     outbox AS (
       ${queueForRouting('written')}
     )
     SELECT id FROM written`,
    [asOf, storeTimeZone, BIRTHDAY_LOCAL_HOUR],
  );
  return rows.length;
}
