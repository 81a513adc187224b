/** `/v1/journeys/{id}/results`: a journey's results for a date range. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { journeyResultsResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { JourneyResultsParamsDto, JourneyResultsQueryDto } from './journey-results.dto';
import { JourneyResultsService } from './journey-results.service';

@Controller('v1/journeys')
@Roles('marketer')
export class JourneyResultsController {
  constructor(private readonly results: JourneyResultsService) {}

  @Get(':id/results')
  @ApiOperation({
    summary:
      'A journey’s results for a date range: entries, exits by reason, conversions, revenue, per-node funnel',
    description:
      "Days are the store's time zone's, `from` and `to` included (default: the last 30 days, today included; at most 366 days). Entries and conversions with revenue per day, exits by status and reason, revenue per recipient, and per node: entered, failed, sent, delivered, opened, clicked, converted with their rates. Test runs and test sends never count. Read from a rollup kept by the worker plus the facts since it last ran.",
  })
  @Answers(200, journeyResultsResponse)
  @Fails(400, 404, 422)
  async get(@Param() params: JourneyResultsParamsDto, @Query() query: JourneyResultsQueryDto) {
    return { data: await this.results.of(params.id, query) };
  }
}
