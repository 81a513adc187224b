/**
 * How routes name a customer: the store's external id, or our customer id. One look-up for every
 * route that takes `{id}` of a customer, with the same 404 when neither matches (a ref that is not
 * a UUID is only compared as an external id, never cast: no 500 for `/v1/customers/nope`).
 */
import { findCustomerIdByRef, type Query } from '@waypoint/data';
import { ApiError } from '../errors/api-error';

export async function resolveCustomerId(query: Query, ref: string): Promise<string> {
  const id = await findCustomerIdByRef(query, ref);
  if (!id) throw ApiError.notFound('Customer', ref);
  return id;
}
