/** `/v1/outbox`: the sandbox outbox, newest first, and one message as it would have been sent. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { outboxListResponse, outboxMessageResponse } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { OutboxMessageParamsDto, OutboxQueryDto } from './outbox.dto';
import { OutboxService } from './outbox.service';

@Controller('v1/outbox')
@Roles('marketer', 'support')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Messages stored in sandbox mode, newest first' })
  @Answers(200, outboxListResponse)
  @Fails(400)
  async list(@Query() query: OutboxQueryDto) {
    return { data: await this.outbox.list(query.limit) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sandbox message, rendered, with its would-be provider request' })
  @Answers(200, outboxMessageResponse)
  @Fails(400, 404)
  async get(@Param() params: OutboxMessageParamsDto) {
    return { data: await this.outbox.get(params.id) };
  }
}
