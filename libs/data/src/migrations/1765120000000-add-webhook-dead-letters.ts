import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correctly signed webhook deliveries that can never be processed (not JSON, wrong field types,
 * NUL characters, no customer named): answered 200 so the provider stops retrying, and kept here
 * with the reason for an admin to read. One row per provider and delivery id, so a provider's
 * retries of the same delivery count up `attempts` instead of adding rows.
 */
export class AddWebhookDeadLetters1765120000000 implements MigrationInterface {
  name = 'AddWebhookDeadLetters1765120000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL,
        topic text,
        delivery_id text NOT NULL,
        reason text NOT NULL,
        body text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        received_at timestamptz NOT NULL DEFAULT now(),
        last_received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_dead_letters_delivery_key ON webhook_dead_letters (provider, delivery_id)`,
    );
    await q.query(
      `CREATE INDEX webhook_dead_letters_received_idx ON webhook_dead_letters (received_at DESC)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_dead_letters`);
  }
}
