/**
 * Consent per customer and channel, with where it came from and its history. Email is allowed
 * unless opted out; SMS and WhatsApp need an explicit opt-in (docs/architecture.md, "Channels").
 *
 * Two ways in: `recordConsent` for a change taken here or reported without a time of its own (an
 * unsubscribe link, STOP, a checkout box, a bounce), which always applies; `applyStoreConsents`
 * for the store's own consent (Shopify's marketing consent with its `consent_updated_at`), which
 * applies only when it is newer than what we hold, so a late webhook never undoes a later change.
 */
import type { Query } from '../database';
import { isStoreConsentSource, STORE_CONSENT_SOURCE } from './consent-source';
import { queueConsentWriteback } from './consent-writeback.queries';

export type ConsentChannel = 'email' | 'sms' | 'whatsapp';
export type ConsentStatus = 'opted_in' | 'opted_out';

export interface ConsentState {
  status: ConsentStatus | null;
  source: string | null;
  updatedAt: Date | null;
}

export interface RecordConsentOptions {
  /**
   * The customer changed it through the engine (unsubscribe link, preference page, STOP, START):
   * queue it, in the same transaction, to be written back to the store (consent_writebacks).
   * Only for customers the store knows (a Shopify customer id) and email or SMS.
   */
  writeBack?: boolean;
}

/** Records a change (no-op when the status is already that), keeping the history. */
export async function recordConsent(
  query: Query,
  customerId: string,
  channel: ConsentChannel,
  status: ConsentStatus,
  source: string,
  options: RecordConsentOptions = {},
): Promise<boolean> {
  // The opt-in level is the store's (Shopify's single/confirmed opt-in): a change taken here
  // has none.
  const changed = await query(
    `INSERT INTO customer_consents (customer_id, channel, status, source, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (customer_id, channel) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source,
       updated_at = now(), opt_in_level = NULL
       WHERE customer_consents.status <> EXCLUDED.status
     RETURNING customer_id, updated_at`,
    [customerId, channel, status, source],
  );
  if (changed.length === 0) return false;
  await query(`INSERT INTO consent_history (customer_id, channel, status, source) VALUES ($1, $2, $3, $4)`, [
    customerId,
    channel,
    status,
    source,
  ]);
  if (options.writeBack)
    await queueConsentWriteback(query, {
      customerId,
      channel,
      status,
      source,
      occurredAt: changed[0].updated_at as Date,
    });
  return true;
}

/** Consent as the store reported it for one channel (see the mapping in the Shopify webhook mappers). */
export interface StoreConsent {
  channel: 'email' | 'sms';
  status: ConsentStatus;
  /** Shopify's `opt_in_level` (`single_opt_in`, `confirmed_opt_in`, `unknown`), as it sent it. */
  optInLevel: string | null;
  /** When the customer gave or withdrew it, by the store (`consent_updated_at`). */
  at: Date;
  /**
   * Only withdraw an opt-in we hold; record nothing otherwise. For the legacy
   * `accepts_marketing: false`, which meant "not subscribed" as well as "unsubscribed".
   */
  withdrawOnly?: boolean;
}

export interface StoreConsentChange extends StoreConsent {
  customerId: string;
}

/**
 * Applies the store's consent, newest wins: a change is taken only when its time is after the
 * time of what we hold (our own changes are held with the time they were taken), so a late or
 * replayed webhook with an older state changes nothing. A new status is recorded with source
 * `shopify` and a history row; the same status at a newer time only refreshes the time and the
 * opt-in level (keeping where it came from). Set-based: one statement for any number of changes
 * (the newest per customer and channel counts). Returns how many statuses changed.
 */
export async function applyStoreConsents(query: Query, changes: StoreConsentChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  const rows = await query(
    `WITH incoming AS (
       SELECT DISTINCT ON (customer_id, channel) *
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[])
           AS i(customer_id, channel, status, opt_in_level, at, withdraw_only)
        ORDER BY customer_id, channel, at DESC
     ), held AS (
       SELECT k.customer_id, k.channel, k.status, k.updated_at
         FROM customer_consents k JOIN incoming i USING (customer_id, channel)
          FOR UPDATE OF k
     ), applied AS (
       INSERT INTO customer_consents AS k (customer_id, channel, status, source, updated_at, opt_in_level)
       SELECT i.customer_id, i.channel, i.status, $7, i.at, i.opt_in_level
         FROM incoming i LEFT JOIN held h USING (customer_id, channel)
        WHERE CASE WHEN h.customer_id IS NULL THEN NOT i.withdraw_only
                   ELSE h.updated_at < i.at AND (NOT i.withdraw_only OR h.status = 'opted_in') END
       ON CONFLICT (customer_id, channel) DO UPDATE
          SET status = EXCLUDED.status,
              source = CASE WHEN k.status = EXCLUDED.status THEN k.source ELSE EXCLUDED.source END,
              updated_at = EXCLUDED.updated_at,
              opt_in_level = COALESCE(EXCLUDED.opt_in_level,
                                      CASE WHEN k.status = EXCLUDED.status THEN k.opt_in_level END)
        WHERE k.updated_at < EXCLUDED.updated_at
       RETURNING k.customer_id, k.channel, k.status, k.opt_in_level
     )
     INSERT INTO consent_history (customer_id, channel, status, source, opt_in_level)
     SELECT a.customer_id, a.channel, a.status, $7, a.opt_in_level
       FROM applied a LEFT JOIN held h USING (customer_id, channel)
      WHERE h.status IS DISTINCT FROM a.status
     RETURNING customer_id`,
    [
      changes.map((c) => c.customerId),
      changes.map((c) => c.channel),
      changes.map((c) => c.status),
      changes.map((c) => c.optInLevel),
      changes.map((c) => c.at),
      changes.map((c) => c.withdrawOnly === true),
      STORE_CONSENT_SOURCE,
    ],
  );
  return rows.length;
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
    const where = state.source && isStoreConsentSource(state.source) ? ' in the store' : '';
    return {
      allowed: false,
      reason:
        channel === 'email'
          ? `unsubscribed from marketing email${where}${when}`
          : `no consent (${channel}): opted out${where}${when}`,
    };
  }
  if (channel !== 'email' && state.status !== 'opted_in')
    return { allowed: false, reason: `no consent (${channel})` };
  return { allowed: true };
}
