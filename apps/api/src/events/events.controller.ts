/**
 * `POST /v1/events` and `POST /v1/events/batch` (API key): events from storefronts and servers.
 * A batch is validated whole before anything is stored: one bad event refuses the batch, naming it.
 */
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiKeyOnly } from '../auth/access.decorators';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { batchSchema, eventSchema, hasIdentity, toIncoming, type EventDto } from './event-api.dto';
import { EventIngestionService } from './event-ingestion.service';

@Controller('v1/events')
@ApiKeyOnly()
export class EventsController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(202)
  async one(@Body() body: unknown) {
    const event = parseInput(eventSchema, body);
    if (!hasIdentity(event)) throw noIdentity('customer');
    const accepted = await this.ingestion.ingest(toIncoming(event, new Date()));
    return { data: { eventId: accepted.eventId, status: accepted.duplicate ? 'duplicate' : 'accepted' } };
  }

  @Post('batch')
  @HttpCode(202)
  async batch(@Body() body: unknown) {
    const { events } = parseInput(batchSchema, body);
    const parsed: EventDto[] = events.map((raw, i) => {
      const result = eventSchema.safeParse(raw);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw ApiError.badRequest(
          'invalid_request',
          `events[${i}].${issue.path.join('.')}: ${issue.message}`,
          {
            index: i,
            issues: result.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message })),
          },
        );
      }
      if (!hasIdentity(result.data)) throw noIdentity(`events[${i}].customer`);
      return result.data;
    });
    const receivedAt = new Date();
    const accepted = await this.ingestion.ingestBatch(parsed.map((e) => toIncoming(e, receivedAt)));
    return {
      data: {
        accepted: accepted.filter((a) => !a.duplicate).length,
        duplicates: accepted.filter((a) => a.duplicate).length,
        events: accepted.map((a) => ({ eventId: a.eventId, status: a.duplicate ? 'duplicate' : 'accepted' })),
      },
    };
  }
}

function noIdentity(field: string): ApiError {
  return ApiError.unprocessable(
    'no_identity',
    `${field} names no customer: give an id, an email or a phone`,
    { field },
  );
}
