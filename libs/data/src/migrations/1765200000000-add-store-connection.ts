import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The store connection (docs/product.md, The store connection): the connected shop with its
 * sealed token, coupons created in the store and redeemed there, consent kept with Shopify's opt-in
 * level and written back to the store through a durable outbox, and history imports with the
 * progress a restart resumes from.
 */
export class AddStoreConnection1765200000000 implements MigrationInterface {
  name = 'AddStoreConnection1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE store_connection (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        shop text NOT NULL,
        admin_token_sealed text NOT NULL,
        webhook_secret_sealed text,
        api_version text NOT NULL,
        shop_name text,
        currency text,
        timezone text,
        locale text,
        webhooks jsonb NOT NULL DEFAULT '[]',
        connected_by text,
        connected_at timestamptz NOT NULL DEFAULT now(),
        checked_at timestamptz
      )`);
    await q.query(`
      ALTER TABLE coupons
        ADD COLUMN store_status text NOT NULL DEFAULT 'local'
          CHECK (store_status IN ('local', 'created', 'refused')),
        ADD COLUMN store_discount_id text,
        ADD COLUMN store_error text,
        ADD COLUMN redeemed_at timestamptz,
        ADD COLUMN redeemed_order_id text,
        ADD COLUMN redeemed_amount numeric`);
    await q.query(`ALTER TABLE customer_consents ADD COLUMN opt_in_level text`);
    await q.query(`ALTER TABLE consent_history ADD COLUMN opt_in_level text`);
    await q.query(`
      CREATE TABLE consent_writebacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        status text NOT NULL CHECK (status IN ('opted_in', 'opted_out')),
        source text NOT NULL,
        occurred_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consent_writebacks_due_idx ON consent_writebacks (next_attempt_at) WHERE done_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE store_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('customers', 'orders')),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        bulk_operation_id text,
        lines_read bigint NOT NULL DEFAULT 0,
        rows_stored bigint NOT NULL DEFAULT 0,
        malformed_lines bigint NOT NULL DEFAULT 0,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE store_imports`);
    await q.query(`DROP TABLE consent_writebacks`);
    await q.query(`ALTER TABLE consent_history DROP COLUMN opt_in_level`);
    await q.query(`ALTER TABLE customer_consents DROP COLUMN opt_in_level`);
    await q.query(`
      ALTER TABLE coupons DROP COLUMN store_status, DROP COLUMN store_discount_id, DROP COLUMN store_error,
        DROP COLUMN redeemed_at, DROP COLUMN redeemed_order_id, DROP COLUMN redeemed_amount`);
    await q.query(`DROP TABLE store_connection`);
  }
}
