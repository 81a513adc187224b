import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent per customer and channel with its history (replacing customers.email_opted_out_at),
 * and conversions attributed to runs (a journey's goal reached within its window).
 */
export class AddConsentsAndConversions1764100000000 implements MigrationInterface {
  name = 'AddConsentsAndConversions1764100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_consents (
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        status text NOT NULL CHECK (status IN ('opted_in', 'opted_out')),
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, channel)
      )`);
    await q.query(`
      CREATE TABLE consent_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL,
        status text NOT NULL,
        source text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consent_history_customer_idx ON consent_history (customer_id, recorded_at DESC)`,
    );
    await q.query(`
      INSERT INTO customer_consents (customer_id, channel, status, source, updated_at)
      SELECT id, 'email', 'opted_out', 'unsubscribe_link', email_opted_out_at FROM customers WHERE email_opted_out_at IS NOT NULL`);
    await q.query(`
      INSERT INTO consent_history (customer_id, channel, status, source, recorded_at)
      SELECT id, 'email', 'opted_out', 'unsubscribe_link', email_opted_out_at FROM customers WHERE email_opted_out_at IS NOT NULL`);
    await q.query(`ALTER TABLE customers DROP COLUMN email_opted_out_at`);

    await q.query(`
      CREATE TABLE run_conversions (
        run_id uuid PRIMARY KEY REFERENCES runs (id),
        journey_id uuid NOT NULL REFERENCES journeys (id),
        event_id uuid NOT NULL REFERENCES events (id),
        revenue numeric NOT NULL DEFAULT 0,
        currency text,
        converted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX run_conversions_journey_idx ON run_conversions (journey_id)`);
    await q.query(`CREATE INDEX runs_journey_status_idx ON runs (journey_id, status)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS runs_journey_status_idx`);
    await q.query(`DROP TABLE run_conversions`);
    await q.query(`ALTER TABLE customers ADD COLUMN email_opted_out_at timestamptz`);
    await q.query(`
      UPDATE customers c SET email_opted_out_at = k.updated_at
        FROM customer_consents k WHERE k.customer_id = c.id AND k.channel = 'email' AND k.status = 'opted_out'`);
    await q.query(`DROP TABLE consent_history`);
    await q.query(`DROP TABLE customer_consents`);
  }
}
