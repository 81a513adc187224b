/**
 * A customer's marketing email preference, reached through the signed token of an unsubscribe
 * link (no login): read it, or change it with the change recorded in the consent history and
 * queued to be written back to the store (consent_writebacks, delivered by the worker).
 */
import { Inject, Injectable } from '@nestjs/common';
import { verifyUnsubscribeToken } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { consentOf, Database, recordConsent } from '@waypoint/data';
import { ApiError } from '../errors/api-error';

@Injectable()
export class EmailPreferences {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Whether the link's customer gets marketing email (not opted out). */
  async subscribed(token: string): Promise<boolean> {
    const consent = await consentOf(this.db.query, this.customerOf(token), 'email');
    return consent.status !== 'opted_out';
  }

  /** The change and its write-back to the store (for a Shopify customer) commit together. */
  async unsubscribe(token: string): Promise<void> {
    const customerId = this.customerOf(token);
    await this.db.transaction((query) =>
      recordConsent(query, customerId, 'email', 'opted_out', 'unsubscribe_link', { writeBack: true }),
    );
  }

  async subscribeAgain(token: string): Promise<void> {
    const customerId = this.customerOf(token);
    await this.db.transaction((query) =>
      recordConsent(query, customerId, 'email', 'opted_in', 'preference_page', { writeBack: true }),
    );
  }

  private customerOf(token: string): string {
    const customerId = verifyUnsubscribeToken(token, this.env.APP_SECRET);
    if (!customerId) throw ApiError.notFound('Unsubscribe link', '(this one)');
    return customerId;
  }
}
