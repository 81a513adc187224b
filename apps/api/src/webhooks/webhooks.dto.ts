/**
 * The webhooks contract as Nest DTOs. The webhook bodies are read raw (their signatures are over
 * the exact bytes) and checked against the contract after the signature, so their DTOs only
 * document them; the dead-letter query is validated by the global pipe.
 */
import {
  deadLetterQuery,
  sendGridWebhookBody,
  shopifyWebhookBody,
  twilioInboundForm,
  twilioStatusForm,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class DeadLetterQueryDto extends createZodDto(deadLetterQuery) {}
// A union (one shape per topic) cannot be a class; the body is documented, not parsed by the pipe.
export const ShopifyWebhookBodyDto = createZodDto(shopifyWebhookBody);
export class SendGridWebhookBodyDto extends createZodDto(sendGridWebhookBody) {}
export class TwilioStatusFormDto extends createZodDto(twilioStatusForm) {}
export class TwilioInboundFormDto extends createZodDto(twilioInboundForm) {}
