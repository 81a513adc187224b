/**
 * The store's lifecycle windows, VIP and loyalty thresholds (libs/customer-value reads them). A
 * request's values are held to the contract's `lifecycleSettingsSchema`: one out of range is a 422
 * naming the field. The preview counts each stage under other thresholds without saving them.
 */
import { Injectable } from '@nestjs/common';
import {
  lifecycleSettingsSchema,
  type LifecyclePreview,
  type LifecycleSettings,
  type LifecycleSettingsInput,
} from '@waypoint/contract';
import {
  loadLifecycleSettings,
  previewLifecycleStages,
  saveLifecycleSettings,
} from '@waypoint/customer-value';
import { Database } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { invalidSetting } from './store-profile.service';

@Injectable()
export class LifecycleSettingsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  get(): Promise<LifecycleSettings> {
    return loadLifecycleSettings(this.db.query);
  }

  async replace(input: LifecycleSettingsInput, by: Principal | undefined): Promise<LifecycleSettings> {
    const settings = checked(input);
    const before = await this.get();
    await this.db.transaction(async (query) => {
      await saveLifecycleSettings(query, settings);
      await this.audit.record(
        by,
        {
          action: 'settings.lifecycle',
          targetType: 'settings',
          targetId: 'lifecycle',
          detail: { ...settings, before },
        },
        query,
      );
    });
    return settings;
  }

  async preview(input: LifecycleSettingsInput): Promise<LifecyclePreview> {
    const asOf = new Date();
    const counts = await previewLifecycleStages(this.db.query, checked(input), asOf);
    return { ...counts, asOf: asOf.toISOString() };
  }
}

/** The thresholds with their defaults, or 422 `invalid_setting` naming every value out of range. */
function checked(input: LifecycleSettingsInput): LifecycleSettings {
  const parsed = lifecycleSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidSetting(
    parsed.error.issues.map((issue) => ({
      field: issue.path
        .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
        .join(''),
      message: issue.message,
    })),
  );
}
