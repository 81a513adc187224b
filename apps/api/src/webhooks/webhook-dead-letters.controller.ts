/** `GET /v1/webhook-dead-letters` (admins): the signed deliveries that could never be processed. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { deadLetterListResponse } from '@waypoint/contract';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { WebhookDeadLetters } from './webhook-dead-letters.service';
import { DeadLetterQueryDto } from './webhooks.dto';

// No @Roles: admins only, like every route that does not open itself.
@Controller('v1/webhook-dead-letters')
export class WebhookDeadLettersController {
  constructor(private readonly deadLetters: WebhookDeadLetters) {}

  @Get()
  @ApiOperation({
    summary: 'Webhook deliveries that were signed correctly but can never be processed, newest first',
    description:
      'Not JSON, wrong field types, NUL characters, no customer named: such a delivery is answered 200 (so ' +
      'Shopify, SendGrid or Twilio stop retrying) and kept here with the reason and the raw body. A retry ' +
      'of the same delivery counts up `attempts` on the same row.',
  })
  @Answers(200, deadLetterListResponse)
  @Fails(400)
  async list(@Query() query: DeadLetterQueryDto) {
    return { data: await this.deadLetters.list(query.limit, query.offset) };
  }
}
