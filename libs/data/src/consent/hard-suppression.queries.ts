/**
 * Opt-outs that bind transactional messages too (docs/product.md, "Consent"): an order update
 * needs no marketing consent, but an address that hard-bounced or reported spam, or a number whose
 * owner sent STOP (or that Twilio reports as unsubscribed, error 21610), gets nothing at all. An
 * unsubscribe from marketing (the link, the store's own consent, SendGrid's unsubscribe) does not
 * stop an order update. A later opt-in on the channel lifts the suppression.
 */
import type { Query } from '../database';
import type { ConsentChannel } from './consent-ledger';

/** Consent sources (consent_history.source) whose opt-out holds for every category of message. */
export const HARD_SUPPRESSION_SOURCES = [
  'sendgrid:bounce',
  'sendgrid:spamreport',
  'inbound:STOP',
  'twilio:21610',
] as const;

const REASONS: Record<(typeof HARD_SUPPRESSION_SOURCES)[number], string> = {
  'sendgrid:bounce': 'the address hard-bounced',
  'sendgrid:spamreport': 'the customer reported our email as spam',
  'inbound:STOP': 'the customer replied STOP',
  'twilio:21610': 'Twilio reports the number unsubscribed (STOP)',
};

/** Why nothing, not even a transactional message, may go to this customer on this channel; else null. */
export async function hardSuppression(
  query: Query,
  customerId: string,
  channel: ConsentChannel,
): Promise<string | null> {
  const rows = (await query(
    `SELECT h.source, h.recorded_at FROM consent_history h
      WHERE h.customer_id = $1 AND h.channel = $2 AND h.status = 'opted_out' AND h.source = ANY($3::text[])
        AND NOT EXISTS (SELECT 1 FROM consent_history later
                         WHERE later.customer_id = h.customer_id AND later.channel = h.channel
                           AND later.status = 'opted_in' AND later.recorded_at > h.recorded_at)
      ORDER BY h.recorded_at DESC LIMIT 1`,
    [customerId, channel, HARD_SUPPRESSION_SOURCES],
  )) as unknown as Array<{ source: keyof typeof REASONS; recorded_at: Date }>;
  const row = rows[0];
  if (!row) return null;
  return `${REASONS[row.source]} on ${row.recorded_at.toISOString().slice(0, 10)} (even transactional messages are not sent)`;
}
