import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoreConnectionController } from './store-connection.controller';
import { StoreConnectionService } from './store-connection.service';

/** The store connection: connecting a Shopify store, its status, its webhook subscriptions. */
@Module({
  imports: [AuditModule],
  controllers: [StoreConnectionController],
  providers: [StoreConnectionService],
})
export class StoreModule {}
