/**
 * Who placed an order, from the order events stored for it: Shopify's fulfillment webhooks name
 * the order only, and their shipped/delivered events belong to that order's customer.
 */
import type { Query } from '../database';

/** The identity of the customer an order's events were filed under, as a profile names them. */
export interface OrderCustomerRow {
  external_id: string | null;
  email: string | null;
  phone: string | null;
}

/** The customer of the order with this id (the first order event stored for it), or null. */
export async function customerOfOrder(query: Query, orderId: string): Promise<OrderCustomerRow | null> {
  const rows = (await query(
    `SELECT c.external_id, c.email, c.phone
       FROM events e JOIN customers c ON c.id = e.customer_id
      WHERE e.type IN ('order.placed', 'order.paid', 'order.fulfilled', 'order.cancelled')
        AND e.properties->>'orderId' = $1
      ORDER BY e.occurred_at
      LIMIT 1`,
    [orderId],
  )) as unknown as OrderCustomerRow[];
  return rows[0] ?? null;
}
