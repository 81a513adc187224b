import { Module } from '@nestjs/common';
import { IngestionModule } from '../events/ingestion.module';
import { RoutingModule } from '../events/routing.module';
import { CustomerProfilesController } from './customer-profiles.controller';
import { CustomerProfiles } from './customer-profiles.service';
import { CustomersController } from './customers.controller';
import { StorefrontProfiles } from './storefront-profiles.service';

/** Customers: the storefront's profile API (API key) and support's search and customer page. */
@Module({
  imports: [IngestionModule, RoutingModule],
  controllers: [CustomerProfilesController, CustomersController],
  providers: [CustomerProfiles, StorefrontProfiles],
})
export class CustomersModule {}
