import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product catalogue (docs/product.md, "Products"): what the store sells (handle, URL, image,
 * status, when it was deleted, the store's own `updated_at` so a late delivery changes nothing),
 * its variants (price, compare-at price, stock), stock per inventory item and location as Shopify
 * reports it, and the daily "bought together" pairs. Variants and levels name products and items
 * by the store's ids without foreign keys: a delivery about one never seen is stored all the same.
 * Two partial indexes find who viewed or wanted a product within the interest window.
 */
export class AddProductCatalogue1765430000000 implements MigrationInterface {
  name = 'AddProductCatalogue1765430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE products
        ADD COLUMN handle text,
        ADD COLUMN url text,
        ADD COLUMN image_url text,
        ADD COLUMN status text NOT NULL DEFAULT 'active',
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN source_updated_at timestamptz`);
    await q.query(`
      CREATE TABLE product_variants (
        variant_id text PRIMARY KEY,
        product_id text NOT NULL,
        inventory_item_id text,
        title text,
        sku text,
        price numeric(14, 2),
        compare_at_price numeric(14, 2),
        stock integer,
        image_url text,
        deleted_at timestamptz,
        source_updated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX product_variants_product_idx ON product_variants (product_id)`);
    await q.query(
      `CREATE INDEX product_variants_inventory_item_idx ON product_variants (inventory_item_id)
        WHERE inventory_item_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE inventory_levels (
        inventory_item_id text NOT NULL,
        location_id text NOT NULL,
        available integer,
        source_updated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (inventory_item_id, location_id)
      )`);
    await q.query(`
      CREATE TABLE product_pairs (
        product_id text NOT NULL,
        other_product_id text NOT NULL,
        orders integer NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, other_product_id)
      )`);
    await q.query(
      `CREATE INDEX events_product_viewed_idx ON events ((properties->>'productId'), occurred_at)
        WHERE type = 'product.viewed'`,
    );
    await q.query(
      `CREATE INDEX events_cart_lines_idx ON events USING gin ((properties->'lineItems') jsonb_path_ops)
        WHERE type IN ('cart.updated', 'checkout.started', 'checkout.updated')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_cart_lines_idx`);
    await q.query(`DROP INDEX events_product_viewed_idx`);
    await q.query(`DROP TABLE product_pairs`);
    await q.query(`DROP TABLE inventory_levels`);
    await q.query(`DROP TABLE product_variants`);
    await q.query(`
      ALTER TABLE products DROP COLUMN handle, DROP COLUMN url, DROP COLUMN image_url, DROP COLUMN status,
        DROP COLUMN deleted_at, DROP COLUMN source_updated_at`);
  }
}
