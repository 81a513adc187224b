/**
 * Which orders count, in one place for the store dashboard's revenue and a segment's revenue:
 * one per customer and order id (the first `order.placed` stored for it; a repeated delivery adds
 * nothing), cancelled orders left out, test profiles never counted, as the customer metrics count
 * them. An order's `total` is its `totalPrice` when that is a plain number, else 0.
 */

/**
 * A subquery of the counted orders with `occurred_at` and `total`, to use as a CTE. `where` narrows
 * them: it may read the placed event as `e` and its customer as `c` (a compiled customer filter).
 */
export function countedOrdersSql(where: string): string {
  return `SELECT DISTINCT ON (e.customer_id, e.properties ->> 'orderId') e.occurred_at,
              CASE WHEN e.properties ->> 'totalPrice' ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (e.properties ->> 'totalPrice')::numeric ELSE 0 END AS total
         FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.type = 'order.placed' AND NOT c.test AND (${where})
          AND NOT EXISTS (SELECT 1 FROM events x WHERE x.customer_id = e.customer_id AND x.type = 'order.cancelled'
                            AND x.properties ->> 'orderId' = e.properties ->> 'orderId')
        ORDER BY e.customer_id, e.properties ->> 'orderId', e.occurred_at`;
}
