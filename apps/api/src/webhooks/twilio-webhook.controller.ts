/**
 * Twilio's webhooks for SMS and WhatsApp, both verified with X-Twilio-Signature against the public
 * URL Twilio called (401 and nothing changed otherwise):
 * - `POST /webhooks/twilio/status`: a message's status callback, recorded once per message and
 *   status; the message's delivery status only moves forward; error 21610 withdraws consent.
 * - `POST /webhooks/twilio/inbound`: a message from a customer, answered with TwiML.
 */
import { Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { twilioStatusResponse } from '@waypoint/contract';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import {
  isValidTwilioSignature,
  parseTwilioForm,
  publicRequestUrl,
  type TwilioForm,
} from '../delivery/twilio-request';
import { twimlReply } from '../delivery/twiml';
import { ApiError } from '../errors/api-error';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { SignatureRefused } from './signature-refused.decorator';
import { TwilioDeliveries } from './twilio-deliveries.service';
import { TwilioInboundFormDto, TwilioStatusFormDto } from './webhooks.dto';

const FORM = 'application/x-www-form-urlencoded';

@Controller('webhooks/twilio')
@Public()
@ApiHeader({ name: 'X-Twilio-Signature', required: true })
@ApiConsumes(FORM)
@SignatureRefused('Missing or wrong X-Twilio-Signature, or no TWILIO_AUTH_TOKEN configured')
@Fails(413)
export class TwilioWebhookController {
  constructor(
    private readonly deliveries: TwilioDeliveries,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post('status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a Twilio message status callback (SMS and WhatsApp)',
    description:
      'Verifies X-Twilio-Signature (HMAC-SHA1 with TWILIO_AUTH_TOKEN over PUBLIC_URL + path and the sorted form ' +
      'parameters). Stored once per MessageSid and MessageStatus; the message (found by MessageSid) moves forward only: ' +
      'sent, delivered, read (opened), undelivered/failed (terminal), emitting message.delivered/opened/bounced. ' +
      'ErrorCode 21610 opts the customer out of that channel (source twilio:21610). A signed callback that can never be ' +
      'processed (no MessageSid or MessageStatus, NUL characters) is answered 200 `dead_lettered` and kept in ' +
      '`GET /v1/webhook-dead-letters`.',
  })
  @ApiBody({ type: TwilioStatusFormDto })
  @Answers(200, twilioStatusResponse)
  async status(@Req() req: FastifyRequest, @Headers('x-twilio-signature') signature: string | undefined) {
    const form = this.verified(req, signature);
    return { data: await this.deliveries.status(form, rawBodyOf(req)) };
  }

  @Post('inbound')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive an SMS or WhatsApp message from a customer; answered with TwiML',
    description:
      'Verifies X-Twilio-Signature like the status callback. Stored once per MessageSid as sms.inbound or ' +
      'whatsapp.inbound (properties body, from, to, messageSid, channel, intent) for the customer with that number. ' +
      'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, the Turkish RET or İPTAL, or a plain request ' +
      'to stop opt the number out of that channel (source inbound:STOP); START, UNSTOP, YES opt it back in ' +
      '(inbound:START); HELP or INFO get the help text. The answer is TwiML: a confirmation, the help text, or an ' +
      'empty <Response/> (also for a signed message ' +
      'that can never be processed, which is kept in `GET /v1/webhook-dead-letters`).',
  })
  @ApiBody({ type: TwilioInboundFormDto })
  @ApiResponse({
    status: 200,
    description: 'TwiML',
    content: { 'text/xml': { schema: { type: 'string' } } },
  })
  async receive(
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
    @Headers('x-twilio-signature') signature: string | undefined,
  ): Promise<void> {
    const form = this.verified(req, signature);
    const reply = await this.deliveries.message(form, rawBodyOf(req));
    void res.type('text/xml; charset=utf-8').send(twimlReply(reply));
  }

  private verified(req: FastifyRequest, signature: string | undefined): TwilioForm {
    const authToken = this.env.TWILIO_AUTH_TOKEN;
    if (!authToken) {
      throw ApiError.unauthorized(
        'webhook_not_configured',
        'TWILIO_AUTH_TOKEN is not set, so no Twilio request can be verified',
      );
    }
    const form = parseTwilioForm(rawBodyOf(req));
    const url = publicRequestUrl(this.env.PUBLIC_URL, req.originalUrl);
    if (!isValidTwilioSignature(authToken, signature, url, form)) {
      throw ApiError.unauthorized(
        'invalid_signature',
        'X-Twilio-Signature is missing or does not match the URL and parameters',
      );
    }
    return form;
  }
}

function rawBodyOf(req: FastifyRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
