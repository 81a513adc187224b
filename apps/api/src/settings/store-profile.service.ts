/**
 * The store's profile (docs/product.md, "Store settings"): read by everyone signed in, changed by
 * admins. A change is checked value by value (422 naming the field, nothing saved), saved with its
 * audit entry (before and after), and a changed time zone reaches the daily Schedule before the
 * change commits (Temporal away: 503, nothing saved).
 */
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { StoreProfile, StoreProfilePatch } from '@waypoint/contract';
import { loadStoreProfile, saveStoreProfile, StoreProfileReader } from '@waypoint/customer-value';
import { Database, lockStoreProfile } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { DailyScheduleZone } from './daily-schedule-zone';
import { checkStoreProfilePatch, type SettingProblem } from './store-profile-values';

@Injectable()
export class StoreProfileService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly profiles: StoreProfileReader,
    private readonly schedule: DailyScheduleZone,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async get(): Promise<StoreProfile> {
    this.profiles.forget();
    return this.profiles.current();
  }

  async change(input: StoreProfilePatch, by: Principal | undefined): Promise<StoreProfile> {
    const checked = checkStoreProfilePatch(input);
    if ('problems' in checked) throw invalidSetting(checked.problems);
    const saved = await this.db.transaction(async (query) => {
      // Two admins saving at once: the second merges its fields into what the first saved.
      await lockStoreProfile(query);
      const before = await loadStoreProfile(query, this.env);
      const after: StoreProfile = { ...before, ...definedFields(checked.patch) };
      const changed = (Object.keys(after) as Array<keyof StoreProfile>).filter(
        (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
      );
      if (changed.length === 0) return after;
      await saveStoreProfile(query, after);
      await this.audit.record(
        by,
        {
          action: 'settings.store',
          targetType: 'settings',
          targetId: 'store',
          detail: {
            changed,
            before: Object.fromEntries(changed.map((key) => [key, before[key]])),
            after: Object.fromEntries(changed.map((key) => [key, after[key]])),
          },
        },
        query,
      );
      if (after.timeZone !== before.timeZone) await this.schedule.set(after.timeZone);
      return after;
    });
    this.profiles.forget();
    return saved;
  }
}

function definedFields(patch: StoreProfilePatch): Partial<StoreProfile> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/** 422 `invalid_setting`: every problem named, the first field in `details.field`. */
export function invalidSetting(problems: SettingProblem[]): ApiError {
  return ApiError.unprocessable(
    'invalid_setting',
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    { field: problems[0]?.field, problems },
  );
}
