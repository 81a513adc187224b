/**
 * `POST /webhooks/sendgrid/events`: SendGrid's signed Event Webhook. Verifies the ECDSA signature
 * over the timestamp and the raw body (401 and nothing stored otherwise, or when the timestamp is
 * more than 5 minutes off), then records each event once (deduplicated on sg_event_id).
 */
import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { SendGridEvents, type SendGridBatchSummary } from '../delivery/sendgrid-events.service';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  sendGridPublicKey,
  verifySendGridSignature,
} from '../delivery/sendgrid-event-signature';
import { ApiError } from '../errors/api-error';
import { Public } from '../auth/access.decorators';

@Controller('webhooks/sendgrid')
@Public()
export class SendGridEventsWebhookController {
  private readonly publicKey: KeyObject | null;

  constructor(
    private readonly events: SendGridEvents,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.publicKey = env.SENDGRID_WEBHOOK_PUBLIC_KEY
      ? sendGridPublicKey(env.SENDGRID_WEBHOOK_PUBLIC_KEY)
      : null;
  }

  @Post('events')
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Headers(SENDGRID_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(SENDGRID_TIMESTAMP_HEADER) timestamp: string | undefined,
  ): Promise<{ data: SendGridBatchSummary }> {
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
    let events: unknown;
    try {
      events = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw ApiError.badRequest('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(events))
      throw ApiError.badRequest('invalid_payload', 'The body must be a JSON array of events');
    return { data: await this.events.receive(events, now) };
  }
}
