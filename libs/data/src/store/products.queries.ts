/**
 * Products and their consumption period: configured (days one unit lasts, which makes the product
 * a consumable for replenishment) or learned from customers' reorder intervals.
 */
import type { Query } from '../database';

export interface ProductRow {
  productId: string;
  title: string | null;
  consumptionDays: number | null;
  learnedIntervalDays: number | null;
  /** How many reorder intervals the learned period comes from. */
  learnedFrom: number;
}

export type SavedProductRow = Omit<ProductRow, 'learnedFrom'>;

/**
 * Ordered by product id, a page at a time; `q` keeps those whose id or title contains it (any case,
 * taken literally: `%` and `_` match themselves).
 */
export async function listProducts(
  query: Query,
  page: { q?: string; limit: number; offset: number } = { limit: 1000, offset: 0 },
): Promise<ProductRow[]> {
  const pattern = page.q ? `%${page.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return (await query(
    `SELECT product_id AS "productId", title, consumption_days::float AS "consumptionDays",
              learned_interval_days::float AS "learnedIntervalDays", learned_from AS "learnedFrom"
         FROM products
        WHERE $1::text IS NULL OR product_id ILIKE $1 OR title ILIKE $1
        ORDER BY product_id LIMIT $2 OFFSET $3`,
    [pattern, page.limit, page.offset],
  )) as unknown as ProductRow[];
}

/** Sets the consumption period (null: not a consumable); a null title keeps the one known. */
export async function upsertProduct(
  query: Query,
  product: { productId: string; title: string | null; consumptionDays: number | null },
): Promise<SavedProductRow> {
  const [row] = await query(
    `INSERT INTO products (product_id, title, consumption_days) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO UPDATE SET title = COALESCE(EXCLUDED.title, products.title),
         consumption_days = EXCLUDED.consumption_days, updated_at = now()
       RETURNING product_id AS "productId", title, consumption_days::float AS "consumptionDays",
                 learned_interval_days::float AS "learnedIntervalDays"`,
    [product.productId, product.title, product.consumptionDays],
  );
  return row as unknown as SavedProductRow;
}
