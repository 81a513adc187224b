/**
 * Support's view of one customer and their runs: the runs with their timelines, one run's timeline
 * and audit trail, cancelling a run or ending its delay early (both with a reason, audited), and
 * the customer's checkouts (the cart a cart reminder showed, and whether it was completed).
 */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  cancelRunResponse,
  continueRunResponse,
  customerCheckoutsResponse,
  customerRunsResponse,
  runAuditResponse,
  runResponse,
} from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CancelRunDto, ContinueRunDto, CustomerRefDto, RunIdDto } from './runs.dto';
import { RunsService } from './runs.service';

@Controller('v1')
@Roles('support')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get('customers/:id/runs')
  @ApiOperation({
    summary: "One customer's runs with their timelines",
    description: 'Newest first, at most 200.',
  })
  @Answers(200, customerRunsResponse)
  @Fails(400, 404)
  async forCustomer(@Param() params: CustomerRefDto) {
    return { data: await this.runs.forCustomer(params.id) };
  }

  @Get('customers/:id/checkouts')
  @ApiOperation({
    summary: "One customer's checkouts: the latest cart of each and whether it was completed",
    description:
      'Projected from checkouts/create|update and order deliveries as they are stored: a checkout keeps the ' +
      'newest version by Shopify `updated_at` (a stale update arriving late changes nothing), and an order ' +
      'naming its checkout token completes it whatever the order of arrival. Newest first, at most 200.',
  })
  @Answers(200, customerCheckoutsResponse)
  @Fails(400, 404)
  async checkouts(@Param() params: CustomerRefDto) {
    return { data: await this.runs.checkoutsOf(params.id) };
  }

  @Get('runs/:id')
  @ApiOperation({ summary: "A run's timeline" })
  @Answers(200, runResponse)
  @Fails(400, 404)
  async get(@Param() params: RunIdDto) {
    return { data: await this.runs.get(params.id) };
  }

  @Post('runs/:id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel a running run, with a reason',
    description:
      'The run ends at once, even mid-wait; its status reason names who cancelled it and why (audited).',
  })
  @Answers(202, cancelRunResponse, 'Accepted: the run was told to stop')
  @Fails(400, 404, 409)
  async cancel(@Param() params: RunIdDto, @Body() body: CancelRunDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.runs.cancel(params.id, body.reason, by) };
  }

  @Post('runs/:id/continue')
  @HttpCode(202)
  @ApiOperation({
    summary: 'End the wait of a run waiting in wait.delay or wait.until now, with a reason (audited)',
    description:
      'Other waits (an event with its timeout, quiet hours) are not cut short: 409 `not_in_a_delay`.',
  })
  @Answers(202, continueRunResponse, 'Accepted: the run was told to go on')
  @Fails(400, 404, 409)
  async continueNow(
    @Param() params: RunIdDto,
    @Body() body: ContinueRunDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.runs.continueNow(params.id, body.reason, by) };
  }

  @Get('runs/:id/audit')
  @ApiOperation({ summary: "What staff did to this run (the audit log's entries for it)" })
  @Answers(200, runAuditResponse)
  @Fails(400, 404)
  async audit(@Param() params: RunIdDto) {
    return { data: await this.runs.auditTrail(params.id) };
  }
}
