/**
 * One customer's checkouts as the `checkouts` projection holds them (newest first): the latest
 * cart of each, and whether and when it was completed, with the order that completed it.
 */
import { checkoutsOfCustomer, type CustomerCheckoutRow, type Query } from '@waypoint/data';
import { resolveCustomerId } from '../customers/customer-ref';

export type CustomerCheckout = CustomerCheckoutRow;

/** `customerRef` is the store's external id or our customer id, as on the runs route (404 if neither). */
export async function customerCheckouts(query: Query, customerRef: string): Promise<CustomerCheckout[]> {
  return checkoutsOfCustomer(query, await resolveCustomerId(query, customerRef));
}
