/**
 * `POST /webhooks/sendgrid/events`: SendGrid's signed Event Webhook. Verifies the ECDSA signature
 * over the timestamp and the raw body (401 and nothing stored otherwise, or when the timestamp is
 * more than 5 minutes off), then records each event once (deduplicated on sg_event_id).
 */
import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { sendGridDeliveryResponse } from '@waypoint/contract';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { FastifyRequest } from 'fastify';
import type { KeyObject } from 'node:crypto';
import { Public } from '../auth/access.decorators';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  sendGridPublicKey,
  verifySendGridSignature,
} from '../delivery/sendgrid-event-signature';
import { ApiError } from '../errors/api-error';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { SendGridDeliveries } from './sendgrid-deliveries.service';
import { SignatureRefused } from './signature-refused.decorator';
import { SendGridWebhookBodyDto } from './webhooks.dto';

@Controller('webhooks/sendgrid')
@Public()
export class SendGridEventsWebhookController {
  private readonly publicKey: KeyObject | null;

  constructor(
    private readonly deliveries: SendGridDeliveries,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.publicKey = env.SENDGRID_WEBHOOK_PUBLIC_KEY
      ? sendGridPublicKey(env.SENDGRID_WEBHOOK_PUBLIC_KEY)
      : null;
  }

  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary: "Receive SendGrid's signed Event Webhook",
    description:
      'Verifies X-Twilio-Email-Event-Webhook-Signature: an ECDSA P-256/SHA-256 signature (base64 DER) over ' +
      'X-Twilio-Email-Event-Webhook-Timestamp followed by the raw body, with SENDGRID_WEBHOOK_PUBLIC_KEY. A timestamp more ' +
      'than 5 minutes old or ahead is refused. Each event is stored once per sg_event_id and matched to its message by the ' +
      'message_id custom arg, else by sg_message_id (the part before the first dot) against the X-Message-Id. Its delivery ' +
      'status only moves forward (sent < delivered < opened < clicked; bounced/dropped terminal); delivered, open, ' +
      'click, bounce and dropped become message.delivered/opened/clicked/bounced for its customer; a hard bounce, a spam ' +
      'report or an unsubscribe opts the customer out of email (source sendgrid:bounce|spamreport|unsubscribe). A signed ' +
      'body that is not a JSON array, or events in it that can never be recorded, are answered 200 and kept in ' +
      '`GET /v1/webhook-dead-letters`.',
  })
  @ApiHeader({ name: SENDGRID_SIGNATURE_HEADER, required: true })
  @ApiHeader({ name: SENDGRID_TIMESTAMP_HEADER, required: true })
  @ApiBody({ type: SendGridWebhookBodyDto })
  @Answers(200, sendGridDeliveryResponse)
  @SignatureRefused(
    'Missing or wrong signature, a timestamp more than 5 minutes off, or no SENDGRID_WEBHOOK_PUBLIC_KEY configured',
  )
  @Fails(413)
  async receive(
    @Req() req: FastifyRequest,
    @Headers(SENDGRID_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(SENDGRID_TIMESTAMP_HEADER) timestamp: string | undefined,
  ) {
    if (!this.publicKey) {
      throw ApiError.unauthorized(
        'webhook_not_configured',
        'SENDGRID_WEBHOOK_PUBLIC_KEY is not set, so no event delivery can be verified',
      );
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = new Date();
    const verdict = verifySendGridSignature(this.publicKey, rawBody, signature, timestamp, now);
    if (!verdict.ok) throw ApiError.unauthorized(verdict.code, verdict.message);
    return { data: await this.deliveries.receive(rawBody, now) };
  }
}
