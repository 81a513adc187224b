/** The sandbox outbox: messages rendered and stored instead of sent when no provider is configured. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessageEntity } from '@waypoint/data';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { isUuid } from '../journeys/journeys.service';
import { Roles } from '../auth/access.decorators';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

@Controller('v1/outbox')
@Roles('marketer', 'support')
export class OutboxController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async list(@Query() query: unknown) {
    const { limit } = parseInput(listQuerySchema, query, 'query');
    const messages = await this.db
      .getRepository(MessageEntity)
      .find({ where: { provider: 'sandbox' }, order: { createdAt: 'DESC' }, take: limit });
    return { data: messages.map(summary) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const message = isUuid(id)
      ? await this.db.getRepository(MessageEntity).findOneBy({ id, provider: 'sandbox' })
      : null;
    if (!message) throw ApiError.notFound('Outbox message', id);
    return {
      data: {
        ...summary(message),
        bodyHtml: message.bodyHtml,
        bodyText: message.bodyText,
        headers: message.headers,
        providerRequest: message.providerRequest,
      },
    };
  }
}

function summary(m: MessageEntity) {
  return {
    id: m.id,
    channel: m.channel,
    to: m.toAddress,
    from: m.fromAddress,
    subject: m.subject,
    template: m.template,
    status: m.status,
    provider: m.provider,
    createdAt: m.createdAt.toISOString(),
    runId: m.runId,
    nodeId: m.nodeId,
    customerId: m.customerId,
  };
}
