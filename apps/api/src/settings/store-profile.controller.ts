/**
 * `/v1/settings/store`: the store's profile (time zone, currency, default locale and country,
 * default quiet hours and frequency caps). Everyone signed in reads it; admins change it.
 */
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { storeProfileResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { StoreProfilePatchDto } from './settings.dto';
import { StoreProfileService } from './store-profile.service';

@Controller('v1/settings/store')
export class StoreProfileController {
  constructor(private readonly profile: StoreProfileService) {}

  @Get()
  @Roles('marketer', 'support')
  @ApiOperation({
    summary: "The store's profile",
    description:
      'Time zone, currency, default locale and country, and the sending defaults every journey inherits ' +
      '(quiet hours per channel, frequency caps across journeys). A field never saved shows its default ' +
      '(STORE_TIMEZONE, STORE_CURRENCY, STORE_LOCALE, STORE_COUNTRY).',
  })
  @Answers(200, storeProfileResponse)
  async get() {
    return { data: await this.profile.get() };
  }

  @Patch()
  @ApiOperation({
    summary: "Change the store's profile",
    description:
      'Only the fields given change. Each value must exist: an IANA time zone, an ISO 4217 currency, a BCP 47 ' +
      'locale, an ISO 3166 country with a phone numbering plan, quiet hours whose start and end differ, caps ' +
      'over a duration ("24h"); otherwise 422 `invalid_setting` naming the field, and nothing is saved. ' +
      'A new time zone is given to the daily lifecycle Schedule before the change is saved (503 when Temporal ' +
      'is away). Audited with the values before and after. Other processes see the change within seconds.',
  })
  @Answers(200, storeProfileResponse)
  @Fails(400, 422)
  async patch(@Body() body: StoreProfilePatchDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.profile.change(body, by) };
  }
}
