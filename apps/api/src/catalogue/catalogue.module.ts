import { Module } from '@nestjs/common';
import { RoutingModule } from '../events/routing.module';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';

/**
 * The product catalogue: the API for stores not on Shopify, and the service the Shopify webhooks
 * hand product and inventory deliveries to (exported for them).
 */
@Module({
  imports: [RoutingModule],
  controllers: [CatalogueController],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
