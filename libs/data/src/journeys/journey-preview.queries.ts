/**
 * What the journey preview reads besides the decisions' own queries (docs/product.md, "Preview"):
 * a published version's graph, the customer's latest event of the trigger's type (what they would
 * enter on), and a few customers to try it on. Read-only.
 */
import type { JourneyDefinition, RunEvent } from '@waypoint/journey';
import { CUSTOMER_SUMMARY_COLUMNS, type CustomerSummaryRow } from '../customers/customer-page.queries';
import type { Query } from '../database';

/** The graph of one published version, or null when the journey has no such version. */
export async function findJourneyVersionDefinition(
  query: Query,
  journeyId: string,
  version: number,
): Promise<JourneyDefinition | null> {
  const [row] = await query(
    `SELECT definition FROM journey_versions WHERE journey_id = $1 AND version = $2`,
    [journeyId, version],
  );
  return (row?.definition as JourneyDefinition | undefined) ?? null;
}

/** The customer's most recent event of a type, as a run would carry it; null when there is none. */
export async function latestEventOfType(
  query: Query,
  customerId: string,
  type: string,
): Promise<RunEvent | null> {
  const [row] = await query(
    `SELECT id, type, properties, occurred_at FROM events
      WHERE customer_id = $1 AND type = $2 ORDER BY occurred_at DESC LIMIT 1`,
    [customerId, type],
  );
  if (!row) return null;
  return {
    id: row.id as string,
    type: row.type as string,
    properties: (row.properties as Record<string, unknown>) ?? {},
    occurredAt: (row.occurred_at as Date).toISOString(),
  };
}

/** Customers to try a preview on when nobody was searched for: the latest updated, test profiles first. */
export async function recentCustomers(query: Query, limit: number): Promise<CustomerSummaryRow[]> {
  return (await query(
    `SELECT ${CUSTOMER_SUMMARY_COLUMNS} FROM customers c ORDER BY c.test DESC, c.updated_at DESC LIMIT $1`,
    [limit],
  )) as unknown as CustomerSummaryRow[];
}
