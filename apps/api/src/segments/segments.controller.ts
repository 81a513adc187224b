/** `/v1/segments`: list with live counts and CLTV, create, read, members. */
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { segmentListResponse, segmentMembersResponse, segmentResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CreateSegmentDto, SegmentMembersQueryDto, SegmentRefDto } from './segments.dto';
import { SegmentsService } from './segments.service';

@Controller('v1/segments')
@Roles('marketer')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @Answers(200, segmentListResponse)
  async list() {
    return { data: await this.segments.list() };
  }

  @Post()
  @Answers(201, segmentResponse, 'Created')
  @Fails(400)
  async create(@Body() body: CreateSegmentDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.segments.create(body, by) };
  }

  @Get(':id')
  @Answers(200, segmentResponse)
  @Fails(400, 404)
  async get(@Param() params: SegmentRefDto) {
    return { data: await this.segments.get(params.id) };
  }

  @Get(':id/members')
  @Answers(200, segmentMembersResponse)
  @Fails(400, 404)
  async members(@Param() params: SegmentRefDto, @Query() query: SegmentMembersQueryDto) {
    return { data: await this.segments.members(params.id, query.limit, query.offset) };
  }
}
