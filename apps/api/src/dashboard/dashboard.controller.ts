/** `/v1/dashboard`: the marketers' start page figures. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { dashboardResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@Controller('v1/dashboard')
@Roles('marketer')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary: 'The store over the last N days: revenue, customers by stage, top journeys, deliverability',
    description:
      "Revenue per day (orders placed, cancelled ones left out) against the revenue attributed to journeys; customers and CLTV per lifecycle stage (now); the journeys with the most attributed revenue, with revenue per recipient; per channel, messages sent, delivered, bounced and unsubscribes with their rates. Days are the store's time zone's, today included.",
  })
  @Answers(200, dashboardResponse)
  @Fails(400)
  async get(@Query() query: DashboardQueryDto) {
    return { data: await this.dashboard.dashboard(query.days) };
  }
}
