/** The sandbox outbox: messages rendered and stored instead of sent when no provider is configured. */
import { Injectable } from '@nestjs/common';
import type { OutboxItem, OutboxMessage } from '@waypoint/contract';
import { Database, findSandboxMessage, listSandboxMessages, type OutboxMessageRow } from '@waypoint/data';
import { ApiError } from '../errors/api-error';

@Injectable()
export class OutboxService {
  constructor(private readonly db: Database) {}

  async list(limit: number): Promise<OutboxItem[]> {
    return (await listSandboxMessages(this.db.query, limit)).map(summary);
  }

  async get(id: string): Promise<OutboxMessage> {
    const message = await findSandboxMessage(this.db.query, id);
    if (!message) throw ApiError.notFound('Outbox message', id);
    return {
      ...summary(message),
      bodyHtml: message.bodyHtml,
      bodyText: message.bodyText,
      headers: message.headers,
      providerRequest: message.providerRequest,
    };
  }
}

function summary(m: OutboxMessageRow): OutboxItem {
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
    test: m.test,
    locale: m.locale,
  };
}
