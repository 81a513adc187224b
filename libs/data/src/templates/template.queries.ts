/** What previews and test sends read of a customer. */
import type { Query } from '../database';
import { isUuid } from '../ids';

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
  locale: string | null;
}

/** By the store's external id or our id. */
export async function findPreviewCustomer(query: Query, ref: string): Promise<PreviewCustomerRow | null> {
  const [c] = await query(
    `SELECT id, external_id, email, phone, first_name, last_name, loyalty_points, attributes, locale FROM customers
        WHERE external_id = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid) LIMIT 1`,
    [ref, isUuid(ref) ? ref : null],
  );
  return (c as unknown as PreviewCustomerRow | undefined) ?? null;
}
