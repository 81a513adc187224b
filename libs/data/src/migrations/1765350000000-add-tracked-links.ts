import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracked links (docs/product.md, "Tracked links"): the link each token of a sent message stands
 * for, and every request to it — a person's click (which is also a `message.clicked` event) or a
 * scanner's prefetch, kept apart.
 */
export class AddTrackedLinks1765350000000 implements MigrationInterface {
  name = 'AddTrackedLinks1765350000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tracked_links (
        token text PRIMARY KEY,
        run_id uuid NOT NULL,
        node_id text NOT NULL,
        customer_id uuid NOT NULL,
        url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tracked_links_run_idx ON tracked_links (run_id)`);
    await q.query(`
      CREATE TABLE link_clicks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token text NOT NULL REFERENCES tracked_links (token),
        prefetch boolean NOT NULL,
        user_agent text,
        event_id uuid,
        clicked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX link_clicks_token_idx ON link_clicks (token)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE link_clicks`);
    await q.query(`DROP TABLE tracked_links`);
  }
}
