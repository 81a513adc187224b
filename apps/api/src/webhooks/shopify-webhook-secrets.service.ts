/**
 * The secrets a Shopify delivery may be signed with: the connected store's webhook secret (given
 * on the store settings page, sealed with APP_SECRET) and SHOPIFY_WEBHOOK_SECRET. Both are kept:
 * subscriptions the engine registered are signed with the app's secret, while webhooks made by
 * hand in Shopify's admin are signed with the one shown there.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { ConnectedStore } from '@waypoint/shopify';
import { unavailableDependency } from '../errors/dependency-outage';

@Injectable()
export class ShopifyWebhookSecrets {
  private readonly logger = new Logger('ShopifyWebhookSecrets');

  constructor(
    private readonly store: ConnectedStore,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The connected store's secret first; none when nothing is configured. */
  async current(): Promise<string[]> {
    let connected: string | undefined;
    try {
      connected = (await this.store.credentials())?.webhookSecret;
    } catch (error) {
      // PostgreSQL away: answer 503 (Shopify retries) rather than refuse a signature we cannot check.
      if (unavailableDependency(error)) throw error;
      // A connection APP_SECRET can no longer open must not stop the environment's secret working.
      this.logger.warn(
        `The connected store's webhook secret cannot be read (${(error as Error).message}); ` +
          'verifying with SHOPIFY_WEBHOOK_SECRET only',
      );
    }
    return [...new Set([connected, this.env.SHOPIFY_WEBHOOK_SECRET])].filter((secret): secret is string =>
      Boolean(secret),
    );
  }
}
