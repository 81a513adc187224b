/**
 * The consent write-back outbox (consent_writebacks): a change the customer made through the
 * engine, queued in the transaction that recorded it, and delivered to the store by the worker
 * (apps/worker/src/store-sync/). A row is claimed with FOR UPDATE SKIP LOCKED and leased (its
 * `next_attempt_at` pushed past the lease), so any number of workers share the queue without
 * two sending one row; the lease also brings back a row whose worker died mid-call. Each claim
 * counts as an attempt and is the token the outcome is written with, so a worker whose lease ran
 * out cannot overwrite the next claim's outcome. (Each UPDATE … RETURNING is read through a CTE:
 * TypeORM's query() answers a bare UPDATE with [rows, count].)
 */
import type { Query } from '../database';
import type { ConsentStatus } from './consent-ledger';
import { isStoreConsentSource } from './consent-source';

export type WritebackOutcome = 'written' | 'superseded' | 'given_up';

export interface ConsentWritebackInput {
  customerId: string;
  channel: 'email' | 'sms' | 'whatsapp';
  status: ConsentStatus;
  source: string;
  /** When the change was taken (the consent's `updated_at`): what the store is told. */
  occurredAt: Date;
}

/** A Shopify customer id as webhooks carry it (and as `external_id` keeps it): a positive integer. */
const SHOPIFY_CUSTOMER_ID = '^[1-9][0-9]{0,19}$';

/**
 * Queues the change for the store when the store can know the customer (their external id is a
 * Shopify customer id) and has the channel (email, SMS). Changes that came from the store
 * (`shopify…` sources) are never queued: writing them back would echo. True when queued.
 */
export async function queueConsentWriteback(query: Query, change: ConsentWritebackInput): Promise<boolean> {
  if (change.channel === 'whatsapp') return false;
  if (isStoreConsentSource(change.source)) return false;
  const rows = await query(
    `INSERT INTO consent_writebacks (customer_id, channel, status, source, occurred_at)
     SELECT c.id, $2, $3, $4, $5 FROM customers c WHERE c.id = $1 AND c.external_id ~ '${SHOPIFY_CUSTOMER_ID}'
     RETURNING id`,
    [change.customerId, change.channel, change.status, change.source, change.occurredAt],
  );
  return rows.length > 0;
}

export interface ClaimedConsentWriteback {
  id: string;
  customerId: string;
  /** The customer's Shopify id (their external id). */
  externalId: string | null;
  channel: 'email' | 'sms';
  status: ConsentStatus;
  source: string;
  occurredAt: Date;
  /** This claim's attempt number (1 for the first): the token to finish it with. */
  attempts: number;
  /**
   * Why sending it would be moot, or null: the customer's consent is no longer this status (a
   * later change, ours or the store's, took its place), or a later change of ours is queued.
   */
  supersededBy: string | null;
}

/** Claims up to `limit` due rows for `leaseMs`; each claim is an attempt. */
export async function claimConsentWritebacks(
  query: Query,
  limit: number,
  leaseMs: number,
): Promise<ClaimedConsentWriteback[]> {
  const rows = await query(
    `WITH due AS (
       SELECT id FROM consent_writebacks
        WHERE done_at IS NULL AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT $1
          FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE consent_writebacks w
          SET attempts = w.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM due, customers c
        WHERE w.id = due.id AND c.id = w.customer_id
       RETURNING w.id, w.customer_id AS "customerId", c.external_id AS "externalId", w.channel, w.status,
                 w.source, w.occurred_at AS "occurredAt", w.attempts,
                 CASE
                   WHEN EXISTS (SELECT 1 FROM consent_writebacks later
                                 WHERE later.customer_id = w.customer_id AND later.channel = w.channel
                                   AND later.id <> w.id AND later.outcome IS DISTINCT FROM 'given_up'
                                   AND (later.occurred_at, later.created_at) > (w.occurred_at, w.created_at))
                     THEN 'a later change is queued'
                   WHEN (SELECT k.status FROM customer_consents k
                          WHERE k.customer_id = w.customer_id AND k.channel = w.channel) IS DISTINCT FROM w.status
                     THEN 'the consent changed since'
                 END AS "supersededBy"
     )
     SELECT * FROM claimed`,
    [limit, leaseMs],
  );
  return rows as unknown as ClaimedConsentWriteback[];
}

/** Ends a claimed row with its outcome (and the store's error, when it gave up). */
export async function finishConsentWriteback(
  query: Query,
  claim: Pick<ClaimedConsentWriteback, 'id' | 'attempts'>,
  outcome: WritebackOutcome,
  error: string | null = null,
): Promise<boolean> {
  const rows = await query(
    `WITH finished AS (
       UPDATE consent_writebacks SET done_at = now(), outcome = $3, last_error = COALESCE($4, last_error)
        WHERE id = $1 AND attempts = $2 AND done_at IS NULL
       RETURNING id)
     SELECT id FROM finished`,
    [claim.id, claim.attempts, outcome, error],
  );
  return rows.length > 0;
}

/** Puts a claimed row back with its error, due again after `delayMs`. */
export async function retryConsentWriteback(
  query: Query,
  claim: Pick<ClaimedConsentWriteback, 'id' | 'attempts'>,
  error: string,
  delayMs: number,
): Promise<boolean> {
  const rows = await query(
    `WITH retried AS (
       UPDATE consent_writebacks SET last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'
        WHERE id = $1 AND attempts = $2 AND done_at IS NULL
       RETURNING id)
     SELECT id FROM retried`,
    [claim.id, claim.attempts, error, delayMs],
  );
  return rows.length > 0;
}

export interface ConsentWritebackRow {
  id: string;
  channel: 'email' | 'sms';
  status: ConsentStatus;
  source: string;
  occurredAt: Date;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  doneAt: Date | null;
  outcome: WritebackOutcome | null;
}

/** A customer's write-backs, newest first: what the store was told, or why not yet. */
export async function consentWritebacksOf(query: Query, customerId: string): Promise<ConsentWritebackRow[]> {
  return (await query(
    `SELECT id, channel, status, source, occurred_at AS "occurredAt", attempts, last_error AS "lastError",
            next_attempt_at AS "nextAttemptAt", done_at AS "doneAt", outcome
       FROM consent_writebacks WHERE customer_id = $1 ORDER BY occurred_at DESC, created_at DESC LIMIT 50`,
    [customerId],
  )) as unknown as ConsentWritebackRow[];
}
