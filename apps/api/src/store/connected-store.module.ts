/**
 * The store the API acts on (libs/shopify's ConnectedStore): the one connected on the store
 * settings page, else the environment's, else none. One instance per process, so its cached
 * credentials and throttle bucket are shared; global, because the webhook verifier needs its
 * webhook secret and the store settings invalidate it on connect and disconnect.
 */
import { Global, Logger, Module } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database } from '@waypoint/data';
import { ConnectedStore } from '@waypoint/shopify';

@Global()
@Module({
  providers: [
    {
      provide: ConnectedStore,
      inject: [Database, ENVIRONMENT],
      useFactory: (db: Database, env: Environment) => {
        const logger = new Logger('ShopifyAdmin');
        return new ConnectedStore(db.query, env, {
          log: (entry) =>
            logger[entry.level === 'warn' ? 'warn' : 'log'](
              `${entry.message}${entry.details ? ` ${JSON.stringify(entry.details)}` : ''}`,
            ),
        });
      },
    },
  ],
  exports: [ConnectedStore],
})
export class ConnectedStoreModule {}
