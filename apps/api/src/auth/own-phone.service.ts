/**
 * A person's own phone, where their test sends of SMS and WhatsApp templates go. Read in the
 * store's country like every phone that enters (`0532 123 45 67` → `+905321234567`); a number that
 * is not a valid one is refused (422 `invalid_phone`), null removes it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { normalisePhone } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { loadStoreProfile } from '@waypoint/customer-value';
import { Database, setUserPhone } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import type { Principal } from './principal';

@Injectable()
export class OwnPhone {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async set(by: Principal, raw: string | null): Promise<{ phone: string | null }> {
    if (by.kind !== 'user') throw ApiError.forbidden('session_required', 'Only people have a phone here');
    let phone: string | null = null;
    if (raw !== null && raw.trim() !== '') {
      const { country } = await loadStoreProfile(this.db.query, this.env);
      const normalised = normalisePhone(raw, country);
      if ('invalid' in normalised) {
        throw ApiError.unprocessable(
          'invalid_phone',
          `phone: "${normalised.invalid}" is not a valid phone number (read in ${country}; add the country code, e.g. +90…)`,
          { field: 'phone' },
        );
      }
      phone = normalised.e164;
    }
    await setUserPhone(this.db.query, by.userId, phone);
    await this.audit.record(by, {
      action: 'user.set_own_phone',
      targetType: 'user',
      targetId: by.userId,
      detail: { set: phone !== null },
    });
    return { phone };
  }
}
