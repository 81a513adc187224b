import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Journey results (docs/architecture.md, "Journey results"): a rollup of what runs did per
 * journey, day (in the store's time zone), node and metric, advanced from a watermark by a
 * periodic set-based job, and the time indexes that job and the read-time tail use to find only
 * the facts of a time range: BRIN where rows are inserted in time order (runs, steps: cheap to
 * keep on the engine's hot path), partial b-trees for times set by a later update (a message's
 * hand-over, provider callbacks, run ends), where a BRIN index proved lossy in the benchmark.
 */
export class AddJourneyResults1765410000000 implements MigrationInterface {
  name = 'AddJourneyResults1765410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journey_result_days (
        journey_id uuid NOT NULL REFERENCES journeys (id),
        day date NOT NULL,
        metric text NOT NULL,
        node_id text NOT NULL DEFAULT '',
        reason text NOT NULL DEFAULT '',
        n int NOT NULL,
        revenue numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (journey_id, day, metric, node_id, reason)
      )`);
    await q.query(`CREATE INDEX journey_result_days_day_idx ON journey_result_days (day)`);
    await q.query(`
      CREATE TABLE journey_result_watermark (
        id int PRIMARY KEY CHECK (id = 1),
        rolled_up_to timestamptz NOT NULL,
        time_zone text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX runs_started_brin ON runs USING brin (started_at)`);
    await q.query(`CREATE INDEX runs_finished_idx ON runs (finished_at) WHERE finished_at IS NOT NULL`);
    await q.query(`CREATE INDEX run_steps_entered_brin ON run_steps USING brin (entered_at)`);
    await q.query(`CREATE INDEX messages_sent_idx ON messages (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX messages_delivered_idx ON messages (delivered_at) WHERE delivered_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX messages_opened_idx ON messages (opened_at) WHERE opened_at IS NOT NULL`);
    await q.query(`CREATE INDEX messages_clicked_idx ON messages (clicked_at) WHERE clicked_at IS NOT NULL`);
    await q.query(`CREATE INDEX run_conversions_converted_idx ON run_conversions (converted_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'run_conversions_converted_idx',
      'messages_clicked_idx',
      'messages_opened_idx',
      'messages_delivered_idx',
      'messages_sent_idx',
      'run_steps_entered_brin',
      'runs_finished_idx',
      'runs_started_brin',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TABLE journey_result_watermark`);
    await q.query(`DROP TABLE journey_result_days`);
  }
}
