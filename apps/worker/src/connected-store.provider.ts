/**
 * The store the worker acts on (libs/shopify ConnectedStore): the one connected on the settings
 * page, else SHOPIFY_SHOP + SHOPIFY_ADMIN_TOKEN, else none. One per process, so every activity
 * shares the store's throttle bucket; its warnings (retries, deprecations) go to the log.
 */
import { Logger, type Provider } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database } from '@waypoint/data';
import { ConnectedStore } from '@waypoint/shopify';

export const connectedStoreProvider: Provider = {
  provide: ConnectedStore,
  inject: [Database, ENVIRONMENT],
  useFactory: (db: Database, env: Environment) => {
    const logger = new Logger('Shopify');
    return new ConnectedStore(db.query, env, {
      log: (entry) =>
        logger.warn(entry.details ? `${entry.message} ${JSON.stringify(entry.details)}` : entry.message),
    });
  },
};
