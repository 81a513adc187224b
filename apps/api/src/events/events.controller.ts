/**
 * `POST /v1/events` and `POST /v1/events/batch` (API key): events from storefronts and servers.
 * A batch is validated whole before anything is stored: one bad event refuses the batch, naming it.
 */
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { eventAcceptedResponse, eventBatchAcceptedResponse, LIMITS } from '@waypoint/contract';
import { ApiKeyOnly } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { EventApiService } from './event-api.service';
import { EventBatchDto, EventDto } from './events.dto';

@Controller('v1/events')
@ApiKeyOnly()
export class EventsController {
  constructor(private readonly events: EventApiService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Accept one event',
    description:
      'Durable before the answer; stored once per idempotencyKey (else once per content and, without a ' +
      'timestamp, 5-minute window of receipt). A key already used for other content is 409 ' +
      "`idempotency_conflict` (naming the key and the first event's type) and stores nothing. The customer " +
      'is found by id, then email, then phone, or created; a phone beside a matching email is stored on that ' +
      'customer unless another customer has it. 422 `no_identity` when the customer is named by nothing.',
  })
  @Answers(202, eventAcceptedResponse, 'Accepted, or a duplicate of an event stored before')
  @Fails(400, 409, 413, 422)
  async one(@Body() body: EventDto) {
    return { data: await this.events.accept(body) };
  }

  @Post('batch')
  @HttpCode(202)
  @ApiOperation({
    summary: `Accept up to ${LIMITS.batchEvents.toLocaleString('en')} events at once`,
    description:
      'Validated whole before anything is stored: one invalid event refuses the batch, naming it ' +
      '(400, or 422 `no_identity` naming `events[i].customer`). Repeats within the batch or of earlier ' +
      'events are counted as duplicates; an event whose idempotencyKey was used for other content is ' +
      'reported as `conflict` (counted in `conflicts`, nothing stored for it), the others are stored. `"mode": "import"` stores history as facts: timestamps kept, no ' +
      "journey started, nothing sent, no lifecycle.stage_changed; the batch's customers get their computed " +
      'attributes, stages and replenishment dates recomputed once, at the end of the batch.',
  })
  @Answers(202, eventBatchAcceptedResponse, 'Accepted')
  @Fails(400, 413, 422)
  async batch(@Body() body: EventBatchDto) {
    return { data: await this.events.acceptBatch(body.events, body.mode) };
  }
}
