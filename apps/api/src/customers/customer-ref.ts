/**
 * How routes name a customer: the store's external id, or our customer id. One look-up for every
 * route that takes `{id}` of a customer, with the same 404 when neither matches.
 */
import type { Query } from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { isUuid } from '../journeys/journeys.service';

export async function resolveCustomerId(query: Query, ref: string): Promise<string> {
  const rows = await query(
    `SELECT id FROM customers WHERE external_id = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid) LIMIT 1`,
    [ref, isUuid(ref) ? ref : null],
  );
  if (!rows[0]) throw ApiError.notFound('Customer', ref);
  return String(rows[0].id);
}
