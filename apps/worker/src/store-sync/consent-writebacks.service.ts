/**
 * Delivers the consent write-back outbox (consent_writebacks) to the connected store: an
 * unsubscribe or re-subscribe through our link, a STOP or START, queued by the API in the
 * transaction that recorded it, becomes `customerEmailMarketingConsentUpdate` /
 * `customerSmsMarketingConsentUpdate` for `gid://shopify/Customer/{external id}` with the time the
 * customer made the change.
 *
 * A polling loop in the worker process rather than a Temporal Schedule: the outbox row already is
 * the durable state (attempts, next attempt, last error), so a workflow would only duplicate it,
 * add a workflow type and its recorded histories, and tick no faster; claiming with FOR UPDATE
 * SKIP LOCKED and a lease lets every worker replica poll the same table without sending a row
 * twice, and a row whose worker died comes back when its lease ends (the mutations are
 * idempotent, so that rare repeat is harmless). Without a connected store nothing is claimed:
 * rows wait, and are written once a store is connected (a row a later change made moot is marked
 * superseded instead of being sent).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  claimConsentWritebacks,
  Database,
  finishConsentWriteback,
  retryConsentWriteback,
  type ClaimedConsentWriteback,
} from '@waypoint/data';
import { ConnectedStore, shopifyGid, type ShopifyAdmin } from '@waypoint/shopify';
import { DatabaseOutageLog } from '../database-outage-log';
import { afterWritebackFailure } from './consent-writeback.policy';

/** Rows claimed at once; a full batch is followed at once by the next. */
const BATCH = 20;
/**
 * How long a claim holds a row: longer than one call can take with the client's own retries
 * (throttle waits, 5xx backoff, 30 s timeouts), so a slow call is not sent again by another worker.
 */
const LEASE_MS = 10 * 60_000;

const SHOPIFY_CUSTOMER_ID = /^[1-9][0-9]{0,19}$/;

@Injectable()
export class ConsentWritebacks {
  private readonly logger = new Logger(ConsentWritebacks.name);
  private readonly outage = new DatabaseOutageLog(this.logger, 'consent write-back');
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly store: ConnectedStore,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Starts polling (the worker's main, beside the Temporal worker). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.tick;
  }

  /**
   * One batch: claims due rows and writes each to the store. Returns how many were claimed
   * (0 without a connected store: nothing is claimed, rows wait).
   */
  async deliverDue(): Promise<number> {
    const admin = await this.store.admin();
    if (!admin) return 0;
    const claims = await claimConsentWritebacks(this.db.query, BATCH, LEASE_MS);
    for (const claim of claims) await this.deliver(admin, claim);
    return claims.length;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick = this.deliverDue()
        .then((claimed) => {
          this.outage.succeeded();
          this.schedule(claimed === BATCH ? 0 : this.env.CONSENT_WRITEBACK_INTERVAL_MS);
        })
        .catch((error: unknown) => {
          // The database or the store connection could not be read: try again at the next tick
          // (a claimed row comes back when its lease ends).
          this.outage.failed(error);
          this.schedule(this.env.CONSENT_WRITEBACK_INTERVAL_MS);
        });
    }, delayMs);
  }

  private async deliver(admin: ShopifyAdmin, claim: ClaimedConsentWriteback): Promise<void> {
    const what = `${claim.channel} ${claim.status} (${claim.source}) of customer ${claim.customerId}`;
    if (claim.supersededBy) {
      await finishConsentWriteback(this.db.query, claim, 'superseded');
      this.logger.log(`consent write-back of ${what} not sent: ${claim.supersededBy}`);
      return;
    }
    if (!claim.externalId || !SHOPIFY_CUSTOMER_ID.test(claim.externalId)) {
      await finishConsentWriteback(
        this.db.query,
        claim,
        'given_up',
        `the customer's external id "${claim.externalId ?? ''}" is not a Shopify customer id`,
      );
      return;
    }
    const customer = shopifyGid('Customer', claim.externalId);
    const state = claim.status === 'opted_in' ? 'SUBSCRIBED' : 'UNSUBSCRIBED';
    // Re-subscribing through our link or START is a single opt-in: nothing confirmed it twice.
    const level = claim.status === 'opted_in' ? 'SINGLE_OPT_IN' : undefined;
    try {
      if (claim.channel === 'email')
        await admin.updateEmailMarketingConsent(customer, state, claim.occurredAt, level);
      else await admin.updateSmsMarketingConsent(customer, state, claim.occurredAt, level);
    } catch (error) {
      const next = afterWritebackFailure(error, claim.attempts);
      if (next.action === 'give_up') {
        await finishConsentWriteback(this.db.query, claim, 'given_up', next.error);
        this.logger.warn(
          `consent write-back of ${what} given up after ${claim.attempts} attempts: ${next.error}`,
        );
      } else {
        await retryConsentWriteback(this.db.query, claim, next.error, next.delayMs);
        this.logger.warn(
          `consent write-back of ${what} failed (attempt ${claim.attempts}), retrying in ${Math.round(next.delayMs / 1000)} s: ${next.error}`,
        );
      }
      return;
    }
    await finishConsentWriteback(this.db.query, claim, 'written');
    this.logger.log(`consent write-back of ${what}: ${customer} ${state} in ${admin.shop}`);
  }
}
