/** `GET|PUT /v1/settings/lifecycle`: the store's lifecycle windows, VIP and loyalty thresholds. */
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { lifecycleSettingsResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { LifecycleSettingsDto } from './settings.dto';
import { LifecycleSettingsService } from './lifecycle-settings.service';

@Controller('v1/settings/lifecycle')
@Roles('marketer')
export class LifecycleSettingsController {
  constructor(private readonly settings: LifecycleSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Lifecycle thresholds (at risk, inactive, loyal, VIP, loyalty tiers)' })
  @Answers(200, lifecycleSettingsResponse)
  async get() {
    return { data: await this.settings.get() };
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the lifecycle thresholds',
    description: 'Absent fields take their defaults; inactiveDays must be longer than atRiskDays.',
  })
  @Answers(200, lifecycleSettingsResponse)
  @Fails(400)
  async put(@Body() body: LifecycleSettingsDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.settings.replace(body, by) };
  }
}
