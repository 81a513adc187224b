/**
 * A request to a tracked link: a person's click becomes a `message.clicked` event (run, node,
 * link), durable and routed like any event, so journeys can wait or branch on it; a scanner's
 * prefetch (HEAD, known link scanners and previewers) is kept apart and triggers nothing.
 * A token this engine did not sign is unknown: 404, nothing recorded.
 */
import { Inject, Injectable } from '@nestjs/common';
import { isPrefetch, verifyLinkToken } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  customerContact,
  Database,
  findTrackedLink,
  markMessageClicked,
  recordLinkRequest,
} from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error';
import { EventIngestionService } from '../events/event-ingestion.service';

@Injectable()
export class TrackedLinks {
  constructor(
    private readonly db: Database,
    private readonly ingestion: EventIngestionService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Records the request and answers where to send the reader. */
  async follow(token: string, method: string, userAgent: string | undefined): Promise<string> {
    const link = verifyLinkToken(this.env.APP_SECRET, token)
      ? await findTrackedLink(this.db.query, token)
      : null;
    if (!link) throw ApiError.notFound('Link', token);
    const agent = userAgent?.slice(0, 500) ?? null;
    if (isPrefetch(method, userAgent)) {
      await recordLinkRequest(this.db.query, { token, prefetch: true, userAgent: agent, eventId: null });
      return link.url;
    }
    const customer = await customerContact(this.db.query, link.customer_id);
    if (customer) {
      const accepted = await this.ingestion.ingest({
        idempotencyKey: `link-click:${randomUUID()}`,
        type: EVENT.messageClicked,
        source: 'waypoint',
        occurredAt: new Date(),
        customer: { externalId: customer.external_id, email: customer.email, phone: customer.phone },
        properties: {
          runId: link.run_id,
          nodeId: link.node_id,
          journeyId: link.journey_id,
          messageId: link.message_id,
          channel: link.channel,
          url: link.url,
          tracked: true,
        },
      });
      await recordLinkRequest(this.db.query, {
        token,
        prefetch: false,
        userAgent: agent,
        eventId: accepted.eventId,
      });
      if (link.message_id) await markMessageClicked(this.db.query, link.message_id, new Date());
    }
    return link.url;
  }
}
