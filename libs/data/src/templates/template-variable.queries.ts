/**
 * Keys a template may read that only the data knows: custom attribute keys on customers and
 * property keys of stored events of a type. Both read a bounded sample (at most 500 rows, events
 * of the last 30 days through the BRIN index), never the whole table.
 */
import type { Query } from '../database';

const SAMPLE_ROWS = 500;
const MAX_KEYS = 200;

export async function sampleCustomerAttributeKeys(query: Query): Promise<string[]> {
  const rows = await query(
    `SELECT DISTINCT k.key FROM (
        SELECT attributes FROM customers WHERE attributes <> '{}'::jsonb LIMIT ${SAMPLE_ROWS}
      ) c, jsonb_object_keys(c.attributes) AS k(key)
      ORDER BY k.key LIMIT ${MAX_KEYS}`,
    [],
  );
  return rows.map((r) => String(r.key));
}

export async function sampleEventPropertyKeys(query: Query, eventType: string): Promise<string[]> {
  const rows = await query(
    `SELECT DISTINCT k.key FROM (
        SELECT properties FROM events
         WHERE type = $1 AND received_at > now() - interval '30 days' AND jsonb_typeof(properties) = 'object'
         LIMIT ${SAMPLE_ROWS}
      ) e, jsonb_object_keys(e.properties) AS k(key)
      ORDER BY k.key LIMIT ${MAX_KEYS}`,
    [eventType],
  );
  return rows.map((r) => String(r.key));
}
