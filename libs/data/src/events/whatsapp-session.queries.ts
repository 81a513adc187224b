/**
 * WhatsApp's 24-hour session: free-form text may go to a customer only within 24 h of their last
 * inbound WhatsApp message, which is a `whatsapp.inbound` event.
 */
import type { Query } from '../database';

/** When the customer last wrote to us on WhatsApp, up to `now`; null if never. */
export async function lastInboundWhatsappAt(
  query: Query,
  customerId: string,
  now: Date,
): Promise<Date | null> {
  const [row] = (await query(
    `SELECT max(occurred_at) AS at FROM events WHERE customer_id = $1 AND type = 'whatsapp.inbound' AND occurred_at <= $2`,
    [customerId, now],
  )) as unknown as Array<{ at: Date | null }>;
  return row?.at ?? null;
}
