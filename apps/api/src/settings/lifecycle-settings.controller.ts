/** `GET|PUT /v1/settings/lifecycle`: the store's lifecycle windows, VIP and loyalty thresholds. */
import { Body, Controller, Get, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  lifecycleSettingsSchema,
  loadLifecycleSettings,
  saveLifecycleSettings,
} from '@waypoint/customer-value';
import { DataSource } from 'typeorm';
import { parseInput } from '../errors/parse-body';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';

@Controller('v1/settings/lifecycle')
@Roles('marketer')
export class LifecycleSettingsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async get() {
    return { data: await loadLifecycleSettings((sql, p) => this.db.query(sql, p)) };
  }

  @Put()
  async put(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const settings = parseInput(lifecycleSettingsSchema, body);
    await saveLifecycleSettings((sql, p) => this.db.query(sql, p), settings);
    await this.audit.record(by, {
      action: 'settings.lifecycle',
      targetType: 'settings',
      targetId: 'lifecycle',
      detail: settings,
    });
    return { data: settings };
  }
}
