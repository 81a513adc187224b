/**
 * The journey API of SPEC §2: create, read, edit the draft, publish, list versions, pause, resume,
 * archive. Marketers change journeys (publishing and lifecycle changes are audited); support may
 * read them, to draw a run's version.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { parseInput } from '../errors/parse-body';
import { createJourneySchema, updateDraftSchema } from './journey.dto';
import { JourneyLifecycle } from './journey-lifecycle.service';
import { JourneyStats } from './journey-stats.service';
import { JourneysService } from './journeys.service';

@Controller('v1/journeys')
@Roles('marketer')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly lifecycle: JourneyLifecycle,
    private readonly stats: JourneyStats,
    private readonly audit: AuditLog,
  ) {}

  @Roles('marketer', 'support')
  @Get()
  async list() {
    return { data: await this.journeys.list() };
  }

  @Post()
  async create(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const created = await this.journeys.create(parseInput(createJourneySchema, body));
    await this.audit.record(by, {
      action: 'journey.create',
      targetType: 'journey',
      targetId: created.id,
      detail: { name: created.name },
    });
    return { data: created };
  }

  @Roles('marketer', 'support')
  @Get(':id')
  async get(@Param('id') id: string) {
    return { data: await this.journeys.get(id) };
  }

  @Put(':id/draft')
  async updateDraft(@Param('id') id: string, @Body() body: unknown) {
    return { data: await this.journeys.updateDraft(id, parseInput(updateDraftSchema, body)) };
  }

  @Post(':id/publish')
  @HttpCode(200)
  async publish(@Param('id') id: string, @CurrentPrincipal() by: Principal) {
    const published = await this.journeys.publish(id);
    await this.audit.record(by, {
      action: 'journey.publish',
      targetType: 'journey',
      targetId: id,
      detail: { version: published.version },
    });
    return { data: published };
  }

  @Roles('marketer', 'support')
  @Get(':id/versions')
  async versions(@Param('id') id: string) {
    return { data: await this.journeys.versions(id) };
  }

  @Post(':id/pause')
  @HttpCode(200)
  async pause(@Param('id') id: string, @CurrentPrincipal() by: Principal) {
    const result = await this.lifecycle.change(id, 'pause');
    await this.audit.record(by, { action: 'journey.pause', targetType: 'journey', targetId: id });
    return { data: result };
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id') id: string, @CurrentPrincipal() by: Principal) {
    const result = await this.lifecycle.change(id, 'resume');
    await this.audit.record(by, { action: 'journey.resume', targetType: 'journey', targetId: id });
    return { data: result };
  }

  @Post(':id/archive')
  @HttpCode(200)
  async archive(@Param('id') id: string, @CurrentPrincipal() by: Principal) {
    const result = await this.lifecycle.change(id, 'archive');
    await this.audit.record(by, { action: 'journey.archive', targetType: 'journey', targetId: id });
    return { data: result };
  }

  @Get(':id/stats')
  async journeyStats(@Param('id') id: string) {
    return { data: await this.stats.of(id) };
  }
}
