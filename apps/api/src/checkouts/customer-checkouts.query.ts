/**
 * One customer's checkouts as the `checkouts` projection holds them (newest first): the latest
 * cart of each, and whether and when it was completed, with the order that completed it.
 */
import type { Query } from '@waypoint/data';
import { resolveCustomerId } from '../customers/customer-ref';

export interface CustomerCheckout {
  token: string;
  status: 'open' | 'completed';
  cartToken: string | null;
  lineItems: unknown[];
  itemCount: number | null;
  currency: string | null;
  totalPrice: number | null;
  subtotalPrice: number | null;
  discountCodes: string[];
  abandonedCheckoutUrl: string | null;
  /** Shopify's `updated_at` of the version held; null while only the order is known. */
  updatedAt: Date | null;
  completedAt: Date | null;
  orderId: string | null;
  orderName: string | null;
}

/** `customerRef` is the store's external id or our customer id, as on the runs route. */
export async function customerCheckouts(query: Query, customerRef: string): Promise<CustomerCheckout[]> {
  const customerId = await resolveCustomerId(query, customerRef);
  return (await query(
    `SELECT token, CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END AS status,
            cart_token AS "cartToken", line_items AS "lineItems", item_count AS "itemCount", currency,
            total_price::float AS "totalPrice", subtotal_price::float AS "subtotalPrice",
            discount_codes AS "discountCodes", abandoned_checkout_url AS "abandonedCheckoutUrl",
            shopify_updated_at AS "updatedAt", completed_at AS "completedAt",
            order_id AS "orderId", order_name AS "orderName"
       FROM checkouts WHERE customer_id = $1
      ORDER BY COALESCE(shopify_updated_at, created_at) DESC LIMIT 200`,
    [customerId],
  )) as unknown as CustomerCheckout[];
}
