/** API keys (admins): created with a name and shown once, listed without their secret, revoked. */
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { isUuid } from '../journeys/journeys.service';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, type Principal } from './principal';

const createSchema = z
  .object({ name: z.string().trim().min(1, 'name the key (e.g. "storefront")').max(100) })
  .strict();

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list() {
    return { data: await this.keys.list() };
  }

  @Post()
  async create(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const { name } = parseInput(createSchema, body);
    const created = await this.keys.create(name, by.kind === 'user' ? by.userId : null);
    await this.audit.record(by, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: created.id,
      detail: { name },
    });
    return { data: created };
  }

  @Delete(':id')
  async revoke(@Param('id') id: string, @CurrentPrincipal() by: Principal) {
    if (!isUuid(id) || !(await this.keys.revoke(id))) throw ApiError.notFound('Active API key', id);
    await this.audit.record(by, { action: 'api_key.revoke', targetType: 'api_key', targetId: id });
    return { data: { id, revoked: true } };
  }
}
