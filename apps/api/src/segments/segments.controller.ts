/** `/v1/segments`: list with live counts, CLTV and journeys, create, read, edit, members, CSV export. */
import { Readable } from 'node:stream';
import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { segmentListResponse, segmentMembersResponse, segmentResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CreateSegmentDto, SegmentMembersQueryDto, SegmentRefDto, UpdateSegmentDto } from './segments.dto';
import { MEMBER_CSV_COLUMNS, SegmentsService } from './segments.service';

@Controller('v1/segments')
@Roles('marketer')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Segments with their live count, CLTV, AOV, recent revenue and the journeys they trigger',
  })
  @Answers(200, segmentListResponse)
  async list() {
    return { data: await this.segments.list() };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a segment from a condition (refused when the condition cannot be evaluated)',
  })
  @Answers(201, segmentResponse, 'Created')
  @Fails(400)
  async create(@Body() body: CreateSegmentDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.segments.create(body, by) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One segment (by id, or by key for a preset) with its value and journeys' })
  @Answers(200, segmentResponse)
  @Fails(400, 404)
  async get(@Param() params: SegmentRefDto) {
    return { data: await this.segments.get(params.id) };
  }

  @Put(':id')
  @ApiOperation({
    summary: "Edit a segment's name, description or condition",
    description: 'Only the fields given change; a preset keeps its key. Audited.',
  })
  @Answers(200, segmentResponse)
  @Fails(400, 404)
  async update(
    @Param() params: SegmentRefDto,
    @Body() body: UpdateSegmentDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.segments.update(params.id, body, by) };
  }

  @Get(':id/members')
  @ApiOperation({
    summary: 'Members, the biggest spenders first, a page at a time',
    description: '`q` keeps those whose email, first name, last name or full name begins with it.',
  })
  @Answers(200, segmentMembersResponse)
  @Fails(400, 404)
  async members(@Param() params: SegmentRefDto, @Query() query: SegmentMembersQueryDto) {
    return { data: await this.segments.members(params.id, query.limit, query.offset, query.q) };
  }

  @Get(':id/members.csv')
  @ApiOperation({
    summary: 'Every member as CSV (streamed)',
    description: `A header row (${MEMBER_CSV_COLUMNS.join(', ')}), then one row per member, written as PostgreSQL answers (never built in memory). RFC 4180 quoting, CRLF line ends.`,
  })
  // No @ApiProduces: it would document the JSON error answers as CSV too.
  @ApiResponse({
    status: 200,
    description: 'The members as CSV (an attachment)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @Fails(400, 404)
  async membersCsv(@Param() params: SegmentRefDto): Promise<StreamableFile> {
    const { fileName, condition } = await this.segments.exportable(params.id);
    return new StreamableFile(Readable.from(this.segments.membersCsv(condition)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
