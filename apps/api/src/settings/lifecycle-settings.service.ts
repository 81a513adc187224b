/** The store's lifecycle windows, VIP and loyalty thresholds (libs/customer-value reads them). */
import { Injectable } from '@nestjs/common';
import type { LifecycleSettings } from '@waypoint/contract';
import { loadLifecycleSettings, saveLifecycleSettings } from '@waypoint/customer-value';
import { Database } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';

@Injectable()
export class LifecycleSettingsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  get(): Promise<LifecycleSettings> {
    return loadLifecycleSettings(this.db.query);
  }

  async replace(settings: LifecycleSettings, by: Principal | undefined): Promise<LifecycleSettings> {
    await saveLifecycleSettings(this.db.query, settings);
    await this.audit.record(by, {
      action: 'settings.lifecycle',
      targetType: 'settings',
      targetId: 'lifecycle',
      detail: settings,
    });
    return settings;
  }
}
