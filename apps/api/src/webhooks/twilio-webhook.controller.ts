/**
 * Twilio's webhooks for SMS and WhatsApp, both verified with X-Twilio-Signature against the public
 * URL Twilio called (401 and nothing changed otherwise):
 * - `POST /webhooks/twilio/status`: a message's status callback, recorded once per message and
 *   status; the message's delivery status only moves forward; error 21610 withdraws consent.
 * - `POST /webhooks/twilio/inbound`: a message from a customer, answered with TwiML.
 */
import { Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { Request, Response } from 'express';
import { DeliveryEventRecorder, type RecordOutcome } from '../delivery/delivery-event-recorder.service';
import { InboundMessages } from '../delivery/inbound-messages.service';
import {
  formFields,
  isValidTwilioSignature,
  parseTwilioForm,
  publicRequestUrl,
} from '../delivery/twilio-request';
import { twilioStatusEvent } from '../delivery/twilio-status.mapper';
import { twimlReply } from '../delivery/twiml';
import { ApiError } from '../errors/api-error';
import { Public } from '../auth/access.decorators';

@Controller('webhooks/twilio')
@Public()
export class TwilioWebhookController {
  constructor(
    private readonly recorder: DeliveryEventRecorder,
    private readonly inbound: InboundMessages,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post('status')
  @HttpCode(200)
  async status(
    @Req() req: Request,
    @Headers('x-twilio-signature') signature: string | undefined,
  ): Promise<{ data: Pick<RecordOutcome, 'result' | 'messageId' | 'deliveryStatus'> }> {
    const fields = this.verified(req, signature);
    const event = twilioStatusEvent(fields, new Date());
    if (!event)
      throw ApiError.badRequest('invalid_payload', 'A status callback needs MessageSid and MessageStatus');
    const { result, messageId, deliveryStatus } = await this.recorder.record(event);
    return { data: { result, messageId, deliveryStatus } };
  }

  @Post('inbound')
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Res() res: Response,
    @Headers('x-twilio-signature') signature: string | undefined,
  ): Promise<void> {
    const fields = this.verified(req, signature);
    const outcome = await this.inbound.receive(fields, new Date());
    res.type('text/xml').send(twimlReply(outcome.reply));
  }

  private verified(req: Request, signature: string | undefined): Record<string, string> {
    const authToken = this.env.TWILIO_AUTH_TOKEN;
    if (!authToken) {
      throw ApiError.unauthorized(
        'webhook_not_configured',
        'TWILIO_AUTH_TOKEN is not set, so no Twilio request can be verified',
      );
    }
    const form = parseTwilioForm(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const url = publicRequestUrl(this.env.PUBLIC_URL, req.originalUrl);
    if (!isValidTwilioSignature(authToken, signature, url, form)) {
      throw ApiError.unauthorized(
        'invalid_signature',
        'X-Twilio-Signature is missing or does not match the URL and parameters',
      );
    }
    return formFields(form);
  }
}
