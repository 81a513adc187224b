/**
 * `/v1/settings/lifecycle`: the store's lifecycle windows, VIP and loyalty thresholds. Marketers
 * read them and preview other thresholds; admins change them.
 */
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { lifecyclePreviewResponse, lifecycleSettingsResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { LifecycleSettingsInputDto } from './settings.dto';
import { LifecycleSettingsService } from './lifecycle-settings.service';

@Controller('v1/settings/lifecycle')
export class LifecycleSettingsController {
  constructor(private readonly settings: LifecycleSettingsService) {}

  @Get()
  @Roles('marketer')
  @ApiOperation({ summary: 'Lifecycle thresholds (at risk, inactive, loyal, VIP, loyalty tiers)' })
  @Answers(200, lifecycleSettingsResponse)
  async get() {
    return { data: await this.settings.get() };
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the lifecycle thresholds',
    description:
      'Absent fields take their defaults. A value out of range (days ≤ 0, inactiveDays not longer than ' +
      'atRiskDays, …) answers 422 `invalid_setting` naming the field, and nothing is saved. Audited.',
  })
  @Answers(200, lifecycleSettingsResponse)
  @Fails(400, 422)
  async put(@Body() body: LifecycleSettingsInputDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.settings.replace(body, by) };
  }

  @Post('preview')
  @HttpCode(200)
  @Roles('marketer')
  @ApiOperation({
    summary: 'How many customers each stage would hold under these thresholds',
    description:
      "Computes every customer's stage from their stored order history under the thresholds given (one " +
      'statement, nothing written), beside the stages as stored now. Values are checked as by PUT (422).',
  })
  @Answers(200, lifecyclePreviewResponse)
  @Fails(400, 422)
  async preview(@Body() body: LifecycleSettingsInputDto) {
    return { data: await this.settings.preview(body) };
  }
}
