import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What providers tell us after a send: every SendGrid event and Twilio status callback once
 * (`message_events`, unique per provider event), and each message's delivery status, which only
 * moves forward (`messages.delivery_status` with the time each stage was first seen). The ledger's
 * `status` keeps meaning "did we hand it to the provider".
 */
export class AddMessageEvents1764300000000 implements MigrationInterface {
  name = 'AddMessageEvents1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid REFERENCES messages (id),
        provider text NOT NULL,
        provider_event_id text NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    // Providers deliver at least once: the provider's own event id makes a repeat a no-op.
    await q.query(
      `CREATE UNIQUE INDEX message_events_provider_event_id_key ON message_events (provider_event_id)`,
    );
    await q.query(
      `CREATE INDEX message_events_message_idx ON message_events (message_id, occurred_at) WHERE message_id IS NOT NULL`,
    );

    await q.query(`
      ALTER TABLE messages
        ADD COLUMN delivery_status text
          CHECK (delivery_status IN ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'dropped', 'failed', 'undelivered')),
        ADD COLUMN delivery_error text,
        ADD COLUMN delivery_updated_at timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN opened_at timestamptz,
        ADD COLUMN clicked_at timestamptz,
        ADD COLUMN bounced_at timestamptz`);
    // Callbacks that carry no message id of ours (Twilio's) find the message by the provider's id.
    await q.query(
      `CREATE INDEX messages_provider_message_id_idx ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_provider_message_id_idx`);
    await q.query(`
      ALTER TABLE messages
        DROP COLUMN bounced_at,
        DROP COLUMN clicked_at,
        DROP COLUMN opened_at,
        DROP COLUMN delivered_at,
        DROP COLUMN delivery_updated_at,
        DROP COLUMN delivery_error,
        DROP COLUMN delivery_status`);
    await q.query(`DROP TABLE message_events`);
  }
}
