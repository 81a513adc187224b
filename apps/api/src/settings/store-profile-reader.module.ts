/**
 * The store profile as this API process reads it (libs/customer-value StoreProfileReader, kept a few
 * seconds): global, since ingestion, customers and delivery read the store's country from it.
 */
import { Global, Module } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database } from '@waypoint/data';

@Global()
@Module({
  providers: [
    {
      provide: StoreProfileReader,
      inject: [Database, ENVIRONMENT],
      useFactory: (db: Database, env: Environment) => new StoreProfileReader(db.query, env),
    },
  ],
  exports: [StoreProfileReader],
})
export class StoreProfileReaderModule {}
