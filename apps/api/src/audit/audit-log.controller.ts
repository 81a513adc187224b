/** `GET /v1/audit-log` (admins): who did what when, newest first, filterable, paged by id. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { auditLogResponse } from '@waypoint/contract';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { AuditLogQueryDto } from './audit-log.dto';
import { AuditLog } from './audit-log.service';

@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'Who did what when, newest first',
    description:
      'Filter by target (`targetType`, `targetId`), actor (`actorId`, a user id) or `action`; page back with ' +
      "`before` set to the previous answer's `next`.",
  })
  @Answers(200, auditLogResponse)
  @Fails(400)
  list(@Query() query: AuditLogQueryDto) {
    return this.audit.page(query);
  }
}
