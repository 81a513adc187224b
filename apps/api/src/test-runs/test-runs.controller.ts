/**
 * `/v1/test-profiles` (a person's own test customer) and `/v1/journeys/{id}/test-runs` (a real run
 * of the draft or a version for it, waits shortened, never counted): docs/product.md, "Test runs".
 */
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  testProfileListResponse,
  testProfileResponse,
  testRunDetailResponse,
  testRunResponse,
} from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { StartTestRunDto, TestRunIdDto, TestRunJourneyDto } from './test-runs.dto';
import { TestRunsService } from './test-runs.service';

@Controller('v1/test-profiles')
@Roles('marketer')
export class TestProfilesController {
  constructor(private readonly testRuns: TestRunsService) {}

  @Get()
  @ApiOperation({
    summary: "The store's test profiles (customers marked test), yours marked `mine`",
  })
  @Answers(200, testProfileListResponse)
  @Fails(403)
  async list(@CurrentPrincipal() by: Principal) {
    return { data: await this.testRuns.profiles(by) };
  }

  @Post()
  @ApiOperation({
    summary: 'Make your own test profile, or bring it up to date',
    description:
      'A customer marked test with your email and your phone (PATCH /v1/auth/me), opted in on every channel it can reach. Test runs send only to it; it never counts in results.',
  })
  @Answers(201, testProfileResponse, 'Made or refreshed')
  @Fails(403)
  async make(@CurrentPrincipal() by: Principal) {
    return { data: await this.testRuns.makeProfile(by) };
  }
}

@Controller('v1/test-runs')
@Roles('marketer', 'support')
export class TestRunDetailsController {
  constructor(private readonly testRuns: TestRunsService) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'A test run: how it was started, the graph it runs (the draft snapshot or the version) and its timeline',
    description:
      'What the editor polls to follow a test run on the canvas: the timeline is the one GET /v1/runs/{id} answers (support), here for the marketer who started it too.',
  })
  @Answers(200, testRunDetailResponse)
  @Fails(404)
  async get(@Param() params: TestRunIdDto) {
    return { data: await this.testRuns.get(params.id) };
  }
}

@Controller('v1/journeys')
@Roles('marketer')
export class TestRunsController {
  constructor(private readonly testRuns: TestRunsService) {}

  @Post(':id/test-runs')
  @ApiOperation({
    summary: 'Start a test run of the draft (or a published version) for your test profile',
    description:
      "A real run (same engine) marked test: every wait shortened (default at most 10 s), sends going only to your own address and phone, a sample trigger event, never counted in stats, experiments or the dashboard. The draft is frozen as a test snapshot (a negative version number, never live). `customerId` must be your own test profile (422 `not_a_test_profile` for any other customer, `not_your_test_profile` for another person's); without it yours is made or refreshed. An invalid draft is 422 `journey_invalid` with its problems. Follow it at GET /v1/runs/{id}. Audited.",
  })
  @Answers(201, testRunResponse, 'Started')
  @Fails(400, 403, 404, 409, 422)
  async start(
    @Param() params: TestRunJourneyDto,
    @Body() body: StartTestRunDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.testRuns.start(params.id, body, by) };
  }
}
