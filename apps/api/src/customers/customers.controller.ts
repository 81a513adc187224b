/**
 * `PUT /v1/customers/{externalId}` (API key): create or update a profile — identity, attributes
 * and consent per channel (recorded with its source and kept in the history). Returns the profile
 * with its computed attributes.
 */
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { customerProfileResponse } from '@waypoint/contract';
import { ApiKeyOnly } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CustomerProfileDto, ExternalIdDto } from './customers.dto';
import { StorefrontProfiles } from './storefront-profiles.service';

@Controller('v1/customers')
@ApiKeyOnly()
export class CustomersController {
  constructor(private readonly profiles: StorefrontProfiles) {}

  @Put(':externalId')
  @ApiOperation({
    summary:
      'Create or update a profile with attributes and consent per channel; returns computed attributes',
    description:
      'Found by external id, then email, then phone (an email or phone only matches a customer without an ' +
      'external id or with the same one). Absent fields never erase what is stored. Consent changes are ' +
      'recorded with `consentSource` (default `api`) and kept in the history.',
  })
  @Answers(200, customerProfileResponse)
  @Fails(400, 413)
  async upsert(@Param() params: ExternalIdDto, @Body() body: CustomerProfileDto) {
    return { data: await this.profiles.upsert(params.externalId, body) };
  }
}
