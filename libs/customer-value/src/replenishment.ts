/**
 * Replenishment (docs/product.md, Products and replenishment): a consumable's rhythm is its
 * configured consumption period, or the median reorder interval learned from customers who
 * actually reordered it. Each order sets, per product, when the customer will run out; the
 * earliest upcoming date is the customer's `attributes.replenish_at` (what the shipped journey
 * waits for), and the daily sweep emits `replenishment.due` when a date arrives.
 */
import { insertCanonicalEvent, type Query } from '@waypoint/data';

export interface OrderLine {
  productId: string | null;
  title?: string | null;
  quantity: number;
}

/** Products of the order that have a known rhythm (configured or learned), with their period in days. */
export async function consumablesIn(query: Query, lines: OrderLine[]): Promise<Map<string, number>> {
  const ids = [...new Set(lines.map((l) => l.productId).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const rows = await query(
    `SELECT product_id, COALESCE(consumption_days, learned_interval_days) AS days FROM products
      WHERE product_id = ANY($1::text[]) AND COALESCE(consumption_days, learned_interval_days) IS NOT NULL`,
    [ids],
  );
  return new Map(rows.map((r) => [r.product_id as string, Number(r.days)]));
}

/** Records the order's consumables and refreshes the customer's replenish_at. */
export async function recordPurchases(
  query: Query,
  customerId: string,
  lines: OrderLine[],
  orderedAt: Date,
): Promise<Date | null> {
  const periods = await consumablesIn(query, lines);
  for (const line of lines) {
    const days = line.productId ? periods.get(line.productId) : undefined;
    if (!line.productId || days === undefined) continue;
    const replenishAt = new Date(orderedAt.getTime() + days * Math.max(1, line.quantity) * 86_400_000);
    await query(
      `INSERT INTO customer_products (customer_id, product_id, last_ordered_at, quantity, replenish_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, product_id) DO UPDATE SET last_ordered_at = EXCLUDED.last_ordered_at,
         quantity = EXCLUDED.quantity, replenish_at = EXCLUDED.replenish_at
       WHERE customer_products.last_ordered_at <= EXCLUDED.last_ordered_at`,
      [customerId, line.productId, orderedAt, Math.max(1, line.quantity), replenishAt],
    );
  }
  const [row] = await query(
    `SELECT min(replenish_at) AS at FROM customer_products WHERE customer_id = $1 AND replenish_at >= $2`,
    [customerId, orderedAt],
  );
  const at = (row?.at as Date | null) ?? null;
  await query(
    `UPDATE customers SET attributes = CASE WHEN $2::timestamptz IS NULL THEN attributes - 'replenish_at'
                                            ELSE attributes || jsonb_build_object('replenish_at', $2::timestamptz) END
      WHERE id = $1`,
    [customerId, at],
  );
  return at;
}

/**
 * Learns each product's reorder interval: the median gap between consecutive orders of the same
 * product by the same customer, across all customers who reordered it.
 */
export async function learnReorderIntervals(query: Query, onlyProducts?: string[]): Promise<number> {
  // An import relearns the products its batch bought (onlyProducts); the daily sweep all of them.
  if (onlyProducts?.length === 0) return 0;
  const rows = await query(
    `WITH purchases AS (
       SELECT e.customer_id, li ->> 'productId' AS product_id, e.occurred_at
         FROM events e CROSS JOIN LATERAL jsonb_array_elements(e.properties -> 'lineItems') AS li
        WHERE e.type = 'order.placed' AND li ->> 'productId' IS NOT NULL
          AND ($1::text[] IS NULL OR li ->> 'productId' = ANY($1::text[]))
     ), gaps AS (
       SELECT product_id, EXTRACT(EPOCH FROM occurred_at - lag(occurred_at) OVER (PARTITION BY customer_id, product_id ORDER BY occurred_at)) / 86400 AS days
         FROM purchases
     ), learned AS (
       SELECT product_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*)::int AS n
         FROM gaps WHERE days > 0 GROUP BY product_id
     )
     INSERT INTO products (product_id, learned_interval_days, learned_from, updated_at)
     SELECT product_id, median, n, now() FROM learned
     ON CONFLICT (product_id) DO UPDATE SET learned_interval_days = EXCLUDED.learned_interval_days,
       learned_from = EXCLUDED.learned_from, updated_at = now()
     RETURNING product_id`,
    [onlyProducts ?? null],
  );
  return rows.length;
}

/** Emits replenishment.due for every product whose date has come (once per date). */
export async function emitDueReplenishments(query: Query, asOf: Date): Promise<number> {
  const due = await query(
    `WITH due AS (
       UPDATE customer_products SET due_emitted_for = replenish_at
        WHERE replenish_at <= $1 AND due_emitted_for IS DISTINCT FROM replenish_at
        RETURNING customer_id, product_id, replenish_at
     ) SELECT * FROM due`,
    [asOf],
  );
  for (const row of due) {
    await insertCanonicalEvent(query, {
      customerId: row.customer_id as string,
      type: 'replenishment.due',
      properties: { productId: row.product_id, replenishAt: (row.replenish_at as Date).toISOString() },
      occurredAt: asOf,
      idempotencyKey: `replenishment:${row.customer_id}:${row.product_id}:${(row.replenish_at as Date).toISOString()}`,
      source: 'waypoint:replenishment',
    });
  }
  return due.length;
}
