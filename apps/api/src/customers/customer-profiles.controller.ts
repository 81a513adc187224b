/** `GET /v1/customers?q=` and `GET /v1/customers/{id}` (support): find one customer and open their page. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { customerPageResponse, customerSearchResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CustomerProfiles } from './customer-profiles.service';
import { CustomerRefDto, CustomerSearchDto } from './customers.dto';

@Controller('v1/customers')
@Roles('support')
export class CustomerProfilesController {
  constructor(private readonly customers: CustomerProfiles) {}

  @Get()
  @ApiOperation({ summary: 'Find customers by email (or its beginning), phone number, external id or id' })
  @Answers(200, customerSearchResponse)
  @Fails(400)
  async search(@Query() query: CustomerSearchDto) {
    return { data: await this.customers.search(query.q, query.limit) };
  }

  @Get(':id')
  @ApiOperation({
    summary: "One customer's page: profile, value, consent and its history, recent events, messages, runs",
  })
  @Answers(200, customerPageResponse)
  @Fails(400, 404)
  async page(@Param() params: CustomerRefDto) {
    return { data: await this.customers.page(params.id) };
  }
}
