import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The routing outbox becomes a table of its own (docs/architecture.md, "How a webhook becomes an
 * email", step 3): a row per event routing has still to see, written with the event and deleted
 * when it is routed. Marking an event routed used to be `UPDATE events SET routed_at = now()`,
 * which the partial index on unrouted rows made non-HOT: a second version of the whole row and an
 * entry in each of the table's indexes, per event (docs/benchmarks.md, "Ingestion").
 */
export class NarrowRoutingOutbox1765450000000 implements MigrationInterface {
  name = 'NarrowRoutingOutbox1765450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_outbox (
        event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The sweep reads the oldest first.
    await q.query(`CREATE INDEX event_outbox_received_at_idx ON event_outbox (received_at)`);
    await q.query(
      `INSERT INTO event_outbox (event_id, received_at) SELECT id, received_at FROM events WHERE routed_at IS NULL`,
    );
    await q.query(`DROP INDEX events_unrouted_idx`);
    await q.query(`ALTER TABLE events DROP COLUMN routed_at`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Routed is "not in the outbox": every row gets the migration's time (a stored default, no
    // rewrite), then the outbox's rows go back to null.
    await q.query(`ALTER TABLE events ADD COLUMN routed_at timestamptz DEFAULT now()`);
    await q.query(`ALTER TABLE events ALTER COLUMN routed_at DROP DEFAULT`);
    await q.query(`UPDATE events e SET routed_at = NULL FROM event_outbox o WHERE o.event_id = e.id`);
    await q.query(`CREATE INDEX events_unrouted_idx ON events (received_at) WHERE routed_at IS NULL`);
    await q.query(`DROP TABLE event_outbox`);
  }
}
