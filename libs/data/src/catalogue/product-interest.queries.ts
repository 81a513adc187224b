/**
 * Who wants a product (docs/product.md, "Products"): customers with a `product.viewed` naming it,
 * or a cart or checkout holding it (`cart.updated`, `checkout.started`, `checkout.updated` lines),
 * since `since`, and no `order.placed` holding it after their latest such event. One statement
 * stores a trigger event for each of them per change, keyed by the change and the customer, so a
 * replayed delivery (or a second writer) stores nothing twice; the router routes them like any other
 * (their outbox rows are written by the same statement).
 */
import type { Query } from '../database';
import { queueForRouting } from '../events/routing.queries';

export interface ProductInterestChange {
  /** `product.back_in_stock` or `product.price_dropped`. */
  type: string;
  productId: string;
  /** Names the change: the same change gives the same key (with the customer id appended). */
  key: string;
  properties: Record<string, unknown>;
}

/** The ids of the events stored (one per change and interested customer, not stored before). */
export async function emitProductInterestEvents(
  query: Query,
  changes: ProductInterestChange[],
  input: { since: Date; at: Date; source: string },
): Promise<string[]> {
  if (changes.length === 0) return [];
  const rows = await query(
    `WITH changes AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(type text, product_id text, key text, properties jsonb)
     ), wanted AS (
       SELECT c.key, e.customer_id, e.occurred_at FROM changes c
         JOIN events e ON e.type = 'product.viewed' AND e.properties->>'productId' = c.product_id
                      AND e.occurred_at >= $2
       UNION ALL
       SELECT c.key, e.customer_id, e.occurred_at FROM changes c
         JOIN events e ON e.type IN ('cart.updated', 'checkout.started', 'checkout.updated')
                      AND e.properties->'lineItems' @> jsonb_build_array(jsonb_build_object('productId', c.product_id))
                      AND e.occurred_at >= $2
     ), latest AS (
       SELECT key, customer_id, max(occurred_at) AS at FROM wanted GROUP BY key, customer_id
     ), written AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT c.key || ':' || l.customer_id, c.type, l.customer_id, $4, c.properties, $3
         FROM latest l JOIN changes c ON c.key = l.key
        WHERE NOT EXISTS (
                SELECT 1 FROM events o
                 WHERE o.customer_id = l.customer_id AND o.type = 'order.placed' AND o.occurred_at >= l.at
                   AND o.properties->'lineItems' @> jsonb_build_array(jsonb_build_object('productId', c.product_id)))
        ORDER BY l.customer_id
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, received_at
     ), outbox AS (
       ${queueForRouting('written')}
     )
     SELECT id FROM written`,
    [
      JSON.stringify(
        changes.map((c) => ({ type: c.type, product_id: c.productId, key: c.key, properties: c.properties })),
      ),
      input.since,
      input.at,
      input.source,
    ],
  );
  return rows.map((r) => r.id as string);
}
