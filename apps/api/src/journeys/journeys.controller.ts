/** The journey API of SPEC §2: create, read, edit the draft, publish, list versions. */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { parseInput } from '../errors/parse-body';
import { createJourneySchema, updateDraftSchema } from './journey.dto';
import { JourneyLifecycle } from './journey-lifecycle.service';
import { JourneyStats } from './journey-stats.service';
import { JourneysService } from './journeys.service';

@Controller('v1/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly lifecycle: JourneyLifecycle,
    private readonly stats: JourneyStats,
  ) {}

  @Get()
  async list() {
    return { data: await this.journeys.list() };
  }

  @Post()
  async create(@Body() body: unknown) {
    return { data: await this.journeys.create(parseInput(createJourneySchema, body)) };
  }

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
  async publish(@Param('id') id: string) {
    return { data: await this.journeys.publish(id) };
  }

  @Get(':id/versions')
  async versions(@Param('id') id: string) {
    return { data: await this.journeys.versions(id) };
  }

  @Post(':id/pause')
  @HttpCode(200)
  async pause(@Param('id') id: string) {
    return { data: await this.lifecycle.change(id, 'pause') };
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id') id: string) {
    return { data: await this.lifecycle.change(id, 'resume') };
  }

  @Post(':id/archive')
  @HttpCode(200)
  async archive(@Param('id') id: string) {
    return { data: await this.lifecycle.change(id, 'archive') };
  }

  @Get(':id/stats')
  async journeyStats(@Param('id') id: string) {
    return { data: await this.stats.of(id) };
  }
}
