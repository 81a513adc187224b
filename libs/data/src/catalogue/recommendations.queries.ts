/**
 * "Bought together" (docs/product.md, "Products"): product pairs counted from the orders of the
 * last year that held both, rebuilt set-based by the daily sweep, and a customer's
 * recommendations read from them: products bought with what the customer bought (or has in the
 * cart or order the message is about), never one they bought, deleted, inactive or out of stock.
 */
import type { Query } from '../database';
import { notCancelledSql } from '../orders/counted-orders';

/** Orders older than this do not count towards "bought together". */
const PAIR_WINDOW_DAYS = 365;
/** Pairs kept per product: more would never be shown. */
const PAIRS_PER_PRODUCT = 20;

/**
 * Rebuilds `product_pairs` from `order.placed` events (cancelled orders left out) in one
 * statement after clearing it; run inside a transaction so readers see the old pairs until it
 * commits. Answers how many pairs it kept.
 */
export async function refreshProductPairs(query: Query, asOf: Date): Promise<number> {
  await query(`DELETE FROM product_pairs`, []);
  const rows = await query(
    `WITH orders AS (
       SELECT DISTINCT ON (e.properties->>'orderId') e.properties->>'orderId' AS order_id, e.properties->'lineItems' AS lines
         FROM events e
        WHERE e.type = 'order.placed' AND e.occurred_at > $1::timestamptz - make_interval(days => $2)
          AND e.occurred_at <= $1 AND e.properties->>'orderId' IS NOT NULL
          AND jsonb_typeof(e.properties->'lineItems') = 'array'
          AND ${notCancelledSql()}
        ORDER BY e.properties->>'orderId', e.occurred_at DESC
     ), order_products AS (
       SELECT DISTINCT o.order_id, line->>'productId' AS product_id
         FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.lines) AS line
        WHERE jsonb_typeof(line) = 'object' AND line->>'productId' IS NOT NULL
     ), pairs AS (
       SELECT a.product_id, b.product_id AS other_product_id, count(*)::int AS orders
         FROM order_products a JOIN order_products b ON b.order_id = a.order_id AND b.product_id <> a.product_id
        GROUP BY a.product_id, b.product_id
     ), ranked AS (
       SELECT *, row_number() OVER (PARTITION BY product_id ORDER BY orders DESC, other_product_id) AS rank FROM pairs
     )
     INSERT INTO product_pairs (product_id, other_product_id, orders, refreshed_at)
     SELECT product_id, other_product_id, orders, $1 FROM ranked WHERE rank <= $3
     RETURNING product_id`,
    [asOf, PAIR_WINDOW_DAYS, PAIRS_PER_PRODUCT],
  );
  return rows.length;
}

/** A product to show: the first variant in stock gives the price. */
export interface RecommendedProduct {
  productId: string;
  variantId: string | null;
  title: string | null;
  url: string | null;
  image: string | null;
  price: number | null;
  compareAtPrice: number | null;
}

/**
 * Up to `limit` products bought together with what the customer bought and with `alsoHas` (the
 * cart's or order's products), best first (orders in common, then id); never one the customer
 * bought or has, nor a deleted, inactive or out-of-stock one.
 */
export async function recommendationsFor(
  query: Query,
  customerId: string,
  input: { alsoHas: string[]; limit: number },
): Promise<RecommendedProduct[]> {
  const rows = await query(
    `WITH bought AS (
       SELECT DISTINCT line->>'productId' AS product_id
         FROM events e CROSS JOIN LATERAL jsonb_array_elements(
                CASE WHEN jsonb_typeof(e.properties->'lineItems') = 'array' THEN e.properties->'lineItems' ELSE '[]' END) AS line
        WHERE e.customer_id = $1 AND e.type = 'order.placed' AND jsonb_typeof(line) = 'object'
     ), has AS (
       SELECT product_id FROM bought WHERE product_id IS NOT NULL
       UNION SELECT unnest($2::text[])
     ), scored AS (
       SELECT pp.other_product_id AS product_id, sum(pp.orders) AS score
         FROM product_pairs pp JOIN has h ON h.product_id = pp.product_id
        WHERE pp.other_product_id NOT IN (SELECT product_id FROM has)
        GROUP BY pp.other_product_id
     )
     SELECT p.product_id AS "productId", v.variant_id AS "variantId", p.title, p.url,
            COALESCE(v.image_url, p.image_url) AS image, v.price::float AS price,
            v.compare_at_price::float AS "compareAtPrice"
       FROM scored s
       JOIN products p ON p.product_id = s.product_id AND p.deleted_at IS NULL AND p.status = 'active'
       JOIN LATERAL (
         SELECT variant_id, image_url, price, compare_at_price FROM product_variants
          WHERE product_id = p.product_id AND deleted_at IS NULL AND (stock IS NULL OR stock > 0)
          ORDER BY price NULLS LAST, variant_id LIMIT 1
       ) v ON true
      ORDER BY s.score DESC, p.product_id
      LIMIT $3`,
    [customerId, input.alsoHas, input.limit],
  );
  return rows as unknown as RecommendedProduct[];
}

/** What the catalogue adds to a cart or order line: the product's image (the variant's first) and URL. */
export interface LineCatalogueFields {
  image: string | null;
  url: string | null;
  inStock: boolean;
}

/** Catalogue fields per `productId:variantId` (and per `productId:` for the product alone). */
export async function catalogueFieldsForLines(
  query: Query,
  lines: { productId: string | null; variantId: string | null }[],
): Promise<Map<string, LineCatalogueFields>> {
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const found = new Map<string, LineCatalogueFields>();
  if (productIds.length === 0) return found;
  const rows = await query(
    `SELECT p.product_id AS "productId", v.variant_id AS "variantId", p.url,
            COALESCE(v.image_url, p.image_url) AS image,
            p.deleted_at IS NULL AND p.status = 'active' AND v.deleted_at IS NULL
              AND (v.stock IS NULL OR v.stock > 0) AS "inStock",
            p.image_url AS "productImage",
            EXISTS (SELECT 1 FROM product_variants w WHERE w.product_id = p.product_id AND w.deleted_at IS NULL
                       AND (w.stock IS NULL OR w.stock > 0)) AND p.deleted_at IS NULL AND p.status = 'active'
              AS "productInStock"
       FROM products p LEFT JOIN product_variants v ON v.product_id = p.product_id
      WHERE p.product_id = ANY($1::text[])`,
    [productIds],
  );
  for (const r of rows) {
    const productId = r.productId as string;
    if (!found.has(`${productId}:`)) {
      found.set(`${productId}:`, {
        image: (r.productImage as string | null) ?? null,
        url: (r.url as string | null) ?? null,
        inStock: r.productInStock === true,
      });
    }
    if (r.variantId) {
      found.set(`${productId}:${r.variantId as string}`, {
        image: (r.image as string | null) ?? null,
        url: (r.url as string | null) ?? null,
        inStock: r.inStock === true,
      });
    }
  }
  return found;
}
