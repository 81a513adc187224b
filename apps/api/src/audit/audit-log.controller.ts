/** `GET /v1/audit-log` (admins): who did what when, newest first, filterable, paged by id. */
import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../errors/parse-body';
import { AuditLog } from './audit-log.service';

const querySchema = z
  .object({
    targetType: z.string().min(1).max(40).optional(),
    targetId: z.string().min(1).max(200).optional(),
    actorId: z.string().uuid('must be a user id').optional(),
    action: z.string().min(1).max(60).optional(),
    before: z.string().regex(/^\d+$/, 'must be an audit entry id').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  async list(@Query() query: unknown) {
    const filter = parseInput(querySchema, query);
    const entries = await this.audit.list(filter);
    return { data: entries, next: entries.length === filter.limit ? entries.at(-1)?.id : null };
  }
}
