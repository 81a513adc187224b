/**
 * Which orders count, in one place: one per customer and order id (the first `order.placed` stored
 * for it; a repeated delivery adds nothing), cancelled orders left out, test profiles never counted.
 * An order's `total` is its `totalPrice` when that is a plain number, else 0. `countedOrdersSql` is
 * the whole rule (the store dashboard's revenue, a segment's revenue); the customer metrics, the
 * import's recompute and "bought together" use its two parts (`orderTotalSql`, `notCancelledSql`).
 */

/** An `order.placed` event `e`'s total: its `totalPrice` when that is a plain number, else 0. */
export function orderTotalSql(e = 'e'): string {
  return `CASE WHEN ${e}.properties ->> 'totalPrice' ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (${e}.properties ->> 'totalPrice')::numeric ELSE 0 END`;
}

/** The `order.placed` event `e` was not cancelled later (an `order.cancelled` of the same customer and order id). */
export function notCancelledSql(e = 'e'): string {
  return `NOT EXISTS (SELECT 1 FROM events x WHERE x.customer_id = ${e}.customer_id AND x.type = 'order.cancelled'
                            AND x.properties ->> 'orderId' = ${e}.properties ->> 'orderId')`;
}

/**
 * A subquery of the counted orders with `occurred_at` and `total`, to use as a CTE. `where` narrows
 * them: it may read the placed event as `e` and its customer as `c` (a compiled customer filter).
 */
export function countedOrdersSql(where: string): string {
  return `SELECT DISTINCT ON (e.customer_id, e.properties ->> 'orderId') e.occurred_at, ${orderTotalSql()} AS total
         FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.type = 'order.placed' AND NOT c.test AND (${where})
          AND ${notCancelledSql()}
        ORDER BY e.customer_id, e.properties ->> 'orderId', e.occurred_at`;
}
