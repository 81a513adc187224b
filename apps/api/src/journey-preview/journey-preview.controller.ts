/**
 * `POST /v1/journeys/{id}/preview` and `GET /v1/preview/customers` (marketers): the path a customer
 * would take through a journey if they entered now, and finding the customer to preview for.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { journeyPreviewResponse, previewCustomersResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { JourneyIdDto } from '../journeys/journeys.dto';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { JourneyPreviewDto, PreviewCustomerQueryDto } from './journey-preview.dto';
import { JourneyPreviewService } from './journey-preview.service';

@Controller()
@Roles('marketer')
export class JourneyPreviewController {
  constructor(private readonly previews: JourneyPreviewService) {}

  @Post('v1/journeys/:id/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview a journey for a customer: the path they would take if they entered now',
    description:
      "Walks the draft (or `version`) with the run's own decisions: each branch with the values read and why, each send's rendered message or why it would be skipped (consent, quiet hours, frequency cap, missing address), each wait's end (also in the customer's time zone), each split's arm. A `wait.event` is followed as if the event never came, and the step says so. Nothing is written and nothing is sent.",
  })
  @Answers(200, journeyPreviewResponse)
  @Fails(400, 404, 422)
  async preview(@Param() params: JourneyIdDto, @Body() body: JourneyPreviewDto) {
    return { data: await this.previews.preview(params.id, body) };
  }

  @Get('v1/preview/customers')
  @ApiOperation({
    summary: 'Find a customer to preview a journey for',
    description:
      'By email (or its beginning), phone number, external id or id; without `q`, a few customers to start from (test profiles first, then the latest updated).',
  })
  @Answers(200, previewCustomersResponse)
  @Fails(400)
  async customers(@Query() query: PreviewCustomerQueryDto) {
    return { data: await this.previews.customers(query.q, query.limit) };
  }
}
