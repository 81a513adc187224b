/**
 * Consent per customer and channel, with where it came from and its history. Email is allowed
 * unless opted out; SMS and WhatsApp need an explicit opt-in (docs/architecture.md, "Channels").
 */
import type { Query } from '../database';

export type ConsentChannel = 'email' | 'sms' | 'whatsapp';
export type ConsentStatus = 'opted_in' | 'opted_out';

export interface ConsentState {
  status: ConsentStatus | null;
  source: string | null;
  updatedAt: Date | null;
}

/** Records a change (no-op when the status is already that), keeping the history. */
export async function recordConsent(
  query: Query,
  customerId: string,
  channel: ConsentChannel,
  status: ConsentStatus,
  source: string,
): Promise<boolean> {
  const changed = await query(
    `INSERT INTO customer_consents (customer_id, channel, status, source, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (customer_id, channel) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source, updated_at = now()
       WHERE customer_consents.status <> EXCLUDED.status
     RETURNING customer_id`,
    [customerId, channel, status, source],
  );
  if (changed.length === 0) return false;
  await query(`INSERT INTO consent_history (customer_id, channel, status, source) VALUES ($1, $2, $3, $4)`, [
    customerId,
    channel,
    status,
    source,
  ]);
  return true;
}

export async function consentOf(
  query: Query,
  customerId: string,
  channel: ConsentChannel,
): Promise<ConsentState> {
  const rows = await query(
    `SELECT status, source, updated_at FROM customer_consents WHERE customer_id = $1 AND channel = $2`,
    [customerId, channel],
  );
  const row = rows[0];
  return row
    ? { status: row.status as ConsentStatus, source: row.source as string, updatedAt: row.updated_at as Date }
    : { status: null, source: null, updatedAt: null };
}

/** Whether a marketing message may go out on this channel, and if not, why (for the step). */
export function consentVerdict(
  channel: ConsentChannel,
  state: ConsentState,
): { allowed: boolean; reason?: string } {
  if (state.status === 'opted_out') {
    const when = state.updatedAt ? ` on ${state.updatedAt.toISOString().slice(0, 10)}` : '';
    return {
      allowed: false,
      reason:
        channel === 'email'
          ? `unsubscribed from marketing email${when}`
          : `no consent (${channel}): opted out${when}`,
    };
  }
  if (channel !== 'email' && state.status !== 'opted_in')
    return { allowed: false, reason: `no consent (${channel})` };
  return { allowed: true };
}
