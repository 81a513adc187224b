import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current state of each checkout, projected from checkout and order events as they are
 * stored. Shopify delivers out of order, so the row remembers which version of the cart it holds
 * (`shopify_updated_at`): only a newer one replaces it. Completion only ever moves forward: an
 * order for the token completes it whether it arrives before or after the checkout's updates.
 */
export class AddCheckouts1764800000000 implements MigrationInterface {
  name = 'AddCheckouts1764800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        cart_token text,
        line_items jsonb NOT NULL DEFAULT '[]',
        item_count integer,
        currency text,
        total_price numeric(14, 2),
        subtotal_price numeric(14, 2),
        discount_codes jsonb NOT NULL DEFAULT '[]',
        abandoned_checkout_url text,
        shopify_updated_at timestamptz,
        cart_event_id uuid REFERENCES events (id),
        completed_at timestamptz,
        order_id text,
        order_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Checkout tokens are unique within a store, and one deployment serves one store.
    await q.query(`CREATE UNIQUE INDEX checkouts_token_key ON checkouts (token)`);
    await q.query(`CREATE INDEX checkouts_customer_idx ON checkouts (customer_id, shopify_updated_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkouts`);
  }
}
