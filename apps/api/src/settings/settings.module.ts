import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DailyScheduleZone } from './daily-schedule-zone';
import { LifecycleSettingsController } from './lifecycle-settings.controller';
import { LifecycleSettingsService } from './lifecycle-settings.service';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { StoreProfileController } from './store-profile.controller';
import { StoreProfileService } from './store-profile.service';

/** The store's settings: its profile, lifecycle thresholds and products' consumption periods. */
@Module({
  imports: [AuditModule],
  controllers: [StoreProfileController, LifecycleSettingsController, ProductsController],
  providers: [StoreProfileService, DailyScheduleZone, LifecycleSettingsService, ProductsService],
})
export class SettingsModule {}
