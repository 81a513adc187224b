import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMS segment counts on the ledger, and loyalty points on the profile (awarded by journeys). */
export class AddMessageSegments1764200000000 implements MigrationInterface {
  name = 'AddMessageSegments1764200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN segments int`);
    await q.query(`ALTER TABLE customers ADD COLUMN loyalty_points int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE customers ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    // The frequency cap counts a customer's recent sends per channel across all journeys.
    await q.query(
      `CREATE INDEX messages_customer_channel_created_idx ON messages (customer_id, channel, created_at DESC)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_customer_channel_created_idx`);
    await q.query(`ALTER TABLE customers DROP COLUMN tags`);
    await q.query(`ALTER TABLE customers DROP COLUMN loyalty_points`);
    await q.query(`ALTER TABLE messages DROP COLUMN segments`);
  }
}
