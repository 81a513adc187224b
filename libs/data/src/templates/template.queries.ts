/** Templates saved through the API (they override the shipped files of the same channel and name). */
import type { Channel } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

export interface SavedTemplateRow {
  source: string;
  updated_at: Date;
}

export async function findSavedTemplate(
  query: Query,
  channel: Channel,
  name: string,
): Promise<SavedTemplateRow | null> {
  const [saved] = await query(`SELECT source, updated_at FROM templates WHERE channel = $1 AND name = $2`, [
    channel,
    name,
  ]);
  return (saved as unknown as SavedTemplateRow | undefined) ?? null;
}

/** Inserts the template or replaces its source. */
export async function saveTemplate(
  query: Query,
  channel: Channel,
  name: string,
  source: string,
): Promise<void> {
  await query(
    `INSERT INTO templates (channel, name, source) VALUES ($1, $2, $3)
       ON CONFLICT (channel, name) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
    [channel, name, source],
  );
}

/** What a preview for a real customer reads of them. */
export interface PreviewCustomerRow {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  loyalty_points: number;
  attributes: Record<string, unknown>;
}

/** By the store's external id or our id. */
export async function findPreviewCustomer(query: Query, ref: string): Promise<PreviewCustomerRow | null> {
  const [c] = await query(
    `SELECT id, external_id, email, phone, first_name, last_name, loyalty_points, attributes FROM customers
        WHERE external_id = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid) LIMIT 1`,
    [ref, isUuid(ref) ? ref : null],
  );
  return (c as unknown as PreviewCustomerRow | undefined) ?? null;
}
