import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events table grows to hundreds of millions of rows, appended in time order: BRIN indexes on
 * the time columns stay a few pages large at any size and serve time-range scans (the daily
 * sweep, reporting), while the B-tree indexes serve what routing needs (idempotency key, the
 * customer's recent events, the unrouted outbox).
 */
export class AddEventBrinIndexes1764700000000 implements MigrationInterface {
  name = 'AddEventBrinIndexes1764700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_received_brin ON events USING brin (received_at)`);
    await q.query(`CREATE INDEX events_occurred_brin ON events USING brin (occurred_at)`);
    await q.query(`CREATE INDEX events_customer_type_idx ON events (customer_id, type, occurred_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_customer_type_idx`);
    await q.query(`DROP INDEX events_occurred_brin`);
    await q.query(`DROP INDEX events_received_brin`);
  }
}
