import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LifecycleSettingsController } from './lifecycle-settings.controller';
import { LifecycleSettingsService } from './lifecycle-settings.service';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

/** The store's settings: lifecycle thresholds and products' consumption periods. */
@Module({
  imports: [AuditModule],
  controllers: [LifecycleSettingsController, ProductsController],
  providers: [LifecycleSettingsService, ProductsService],
})
export class SettingsModule {}
