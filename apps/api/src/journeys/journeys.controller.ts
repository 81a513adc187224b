/**
 * `/v1/journeys`: create, read, edit the draft, publish (and its impact first), list versions, pause, resume, archive,
 * statistics, experiments. Marketers change journeys (every change is audited); support may read them, to draw
 * a run's version.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  journeyDetailResponse,
  journeyExperimentsResponse,
  journeyListResponse,
  journeyStatsResponse,
  journeySummaryResponse,
  journeyVersionsResponse,
  lifecycleResponse,
  publishImpactResponse,
  publishResponse,
} from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { JourneyExperimentsService } from './journey-experiments.service';
import { JourneyLifecycle } from './journey-lifecycle.service';
import { JourneyPublisher } from './journey-publisher.service';
import { JourneyStatsService } from './journey-stats.service';
import { CreateJourneyDto, JourneyIdDto, UpdateDraftDto } from './journeys.dto';
import { JourneysService } from './journeys.service';
import { PublishImpactService } from './publish-impact.service';

@Controller('v1/journeys')
@Roles('marketer')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublisher,
    private readonly lifecycle: JourneyLifecycle,
    private readonly stats: JourneyStatsService,
    private readonly experiments: JourneyExperimentsService,
    private readonly impact: PublishImpactService,
  ) {}

  @Roles('marketer', 'support')
  @Get()
  @ApiOperation({ summary: 'List journeys', description: 'Oldest first.' })
  @Answers(200, journeyListResponse)
  async list() {
    return { data: await this.journeys.list() };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a journey (as a draft)',
    description: 'The draft may be unfinished; only its graph shape is checked. Publishing checks the rest.',
  })
  @Answers(201, journeySummaryResponse, 'Created')
  @Fails(400)
  async create(@Body() body: CreateJourneyDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.journeys.create(body, by) };
  }

  @Roles('marketer', 'support')
  @Get(':id')
  @ApiOperation({ summary: 'A journey with its draft' })
  @Answers(200, journeyDetailResponse)
  @Fails(400, 404)
  async get(@Param() params: JourneyIdDto) {
    return { data: await this.journeys.get(params.id) };
  }

  @Put(':id/draft')
  @ApiOperation({ summary: 'Replace the draft', description: 'An archived journey is not edited (409).' })
  @Answers(200, journeySummaryResponse)
  @Fails(400, 404, 409)
  async updateDraft(@Param() params: JourneyIdDto, @Body() body: UpdateDraftDto) {
    return { data: await this.journeys.updateDraft(params.id, body) };
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Validate the draft and publish it as the next immutable version',
    description:
      'A draft journey goes live. 422 `journey_invalid` names every problem at once in ' +
      '`error.details.problems` as `{nodeId, code, message}` and changes nothing; an archived journey is 409.',
  })
  @Answers(200, publishResponse)
  @Fails(400, 404, 409, 422)
  async publish(@Param() params: JourneyIdDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.publisher.publish(params.id, by) };
  }

  @Get(':id/publish-impact')
  @ApiOperation({
    summary: 'What publishing the draft now would change, and whether it may',
    description:
      'Against the live (newest published) version: nodes added, removed and changed (with the fields ' +
      'that differ), connections added and removed, settings keys changed; the running runs per version ' +
      '(they stay on their version); the problems a publish would refuse with 422 `journey_invalid`; and ' +
      '`canPublish` (no problem, not archived). A journey never published: every node added, no run. Changes nothing.',
  })
  @Answers(200, publishImpactResponse)
  @Fails(400, 404)
  async publishImpact(@Param() params: JourneyIdDto) {
    return { data: await this.impact.of(params.id) };
  }

  @Roles('marketer', 'support')
  @Get(':id/versions')
  @ApiOperation({ summary: 'Published versions, newest first' })
  @Answers(200, journeyVersionsResponse)
  @Fails(400, 404)
  async versions(@Param() params: JourneyIdDto) {
    return { data: await this.journeys.versions(params.id) };
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause a live journey: its runs hold where they are and send nothing; no new entries',
    description: 'Only a live journey pauses (409 otherwise).',
  })
  @Answers(200, lifecycleResponse)
  @Fails(400, 404, 409)
  async pause(@Param() params: JourneyIdDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.lifecycle.change(params.id, 'pause', by) };
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a paused journey: held runs continue, new entries start again',
    description: 'Only a paused journey resumes (409 otherwise).',
  })
  @Answers(200, lifecycleResponse)
  @Fails(400, 404, 409)
  async resume(@Param() params: JourneyIdDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.lifecycle.change(params.id, 'resume', by) };
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive a journey: its running runs end with the reason "journey archived"',
    description: 'An archived journey is not archived again (409).',
  })
  @Answers(200, lifecycleResponse)
  @Fails(400, 404, 409)
  async archive(@Param() params: JourneyIdDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.lifecycle.change(params.id, 'archive', by) };
  }

  @Get(':id/stats')
  @ApiOperation({
    summary:
      'Per-node counts (entered, waiting, completed, skipped by reason, failed, messages by status), runs by status, conversions and revenue',
  })
  @Answers(200, journeyStatsResponse)
  @Fails(400, 404)
  async journeyStats(@Param() params: JourneyIdDto) {
    return { data: await this.stats.of(params.id) };
  }

  @Get(':id/experiments')
  @ApiOperation({
    summary: 'Each split judged as an experiment: per arm entries, conversions, revenue, intervals, winner',
    description:
      'For every `branch.split` of the newest published version (the draft while none is): per arm the runs ' +
      'whose first pass took it, their goal conversions at or after the split and revenue, the conversion rate ' +
      '(Wilson interval) and revenue per entry (normal interval); each variant against the control (the first ' +
      'arm) by a two-sided pooled two-proportion z-test, Bonferroni-corrected over the variants; a `winner` ' +
      "only once every compared arm has the split's `experiment.minEntriesPerArm` entries and the test is " +
      "significant at `experiment.confidence`; a holdout arm's incremental conversions and revenue. " +
      'docs/product.md, Experiments.',
  })
  @Answers(200, journeyExperimentsResponse)
  @Fails(400, 404)
  async journeyExperiments(@Param() params: JourneyIdDto) {
    return { data: await this.experiments.of(params.id) };
  }
}
