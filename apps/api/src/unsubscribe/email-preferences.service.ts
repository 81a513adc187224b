/**
 * A customer's marketing email preference, reached through the signed token of an unsubscribe
 * link (no login): read it, or change it with the change recorded in the consent history.
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

  async unsubscribe(token: string): Promise<void> {
    await recordConsent(this.db.query, this.customerOf(token), 'email', 'opted_out', 'unsubscribe_link');
  }

  async subscribeAgain(token: string): Promise<void> {
    await recordConsent(this.db.query, this.customerOf(token), 'email', 'opted_in', 'preference_page');
  }

  private customerOf(token: string): string {
    const customerId = verifyUnsubscribeToken(token, this.env.APP_SECRET);
    if (!customerId) throw ApiError.notFound('Unsubscribe link', '(this one)');
    return customerId;
  }
}
