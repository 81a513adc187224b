/**
 * `POST /webhooks/shopify`: verifies the delivery's signature over the raw body with the
 * connected store's webhook secret or SHOPIFY_WEBHOOK_SECRET (401 otherwise),
 * then hands it to ShopifyDeliveries: mapped to a canonical event and stored once, or kept as a
 * dead letter when it can never be processed.
 */
import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { shopifyDeliveryResponse } from '@waypoint/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { ApiError } from '../errors/api-error';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { ShopifyDeliveries } from './shopify-deliveries.service';
import { ShopifyWebhookSecrets } from './shopify-webhook-secrets.service';
import { SignatureRefused } from './signature-refused.decorator';
import { isValidShopifySignature } from './shopify-signature';
import { SHOPIFY_CATALOGUE_TOPICS, SHOPIFY_TOPICS } from '@waypoint/shopify';
import { ShopifyWebhookBodyDto } from './webhooks.dto';

@Controller('webhooks/shopify')
@Public()
export class ShopifyWebhookController {
  constructor(
    private readonly deliveries: ShopifyDeliveries,
    private readonly secrets: ShopifyWebhookSecrets,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a Shopify webhook delivery',
    description:
      'Verifies X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the webhook secret of the store ' +
      'connected on the settings page, or SHOPIFY_WEBHOOK_SECRET), maps ' +
      `X-Shopify-Topic (${Object.keys(SHOPIFY_TOPICS).join(', ')}) to a canonical event and stores it once per ` +
      'X-Shopify-Event-Id (else X-Shopify-Webhook-Id). ' +
      `The catalogue topics (${Object.keys(SHOPIFY_CATALOGUE_TOPICS).join(', ')}) update the product catalogue ` +
      '(`duplicate`: the catalogue already holds this version or a newer one). ' +
      'Other topics are acknowledged (202) and ignored. A signed ' +
      'delivery that can never be processed (not JSON, NUL characters, a field of the wrong type, no customer ' +
      'named) is answered 200 `dead_lettered` and kept in `GET /v1/webhook-dead-letters`, so Shopify does not retry it.',
  })
  @ApiHeader({ name: 'X-Shopify-Hmac-Sha256', required: true })
  @ApiHeader({ name: 'X-Shopify-Topic', required: true })
  @ApiHeader({ name: 'X-Shopify-Event-Id', required: false })
  @ApiHeader({ name: 'X-Shopify-Webhook-Id', required: false })
  @ApiHeader({ name: 'X-Shopify-Shop-Domain', required: false })
  @ApiBody({ type: ShopifyWebhookBodyDto })
  @Answers(200, shopifyDeliveryResponse, 'Stored, a duplicate, or kept as a dead letter')
  @Answers(202, shopifyDeliveryResponse, 'A topic this engine does not handle: acknowledged and ignored')
  @SignatureRefused('Missing or wrong X-Shopify-Hmac-Sha256, or no webhook secret configured')
  @Fails(413)
  async receive(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Headers('x-shopify-hmac-sha256') signature: string | undefined,
    @Headers('x-shopify-topic') topic: string | undefined,
    @Headers('x-shopify-event-id') eventId: string | undefined,
    @Headers('x-shopify-webhook-id') webhookId: string | undefined,
    @Headers('x-shopify-shop-domain') shop: string | undefined,
  ) {
    const secrets = await this.secrets.current();
    if (secrets.length === 0) {
      throw ApiError.unauthorized(
        'webhook_not_configured',
        'No Shopify webhook secret is configured (neither on the store settings page nor SHOPIFY_WEBHOOK_SECRET), ' +
          'so no delivery can be verified',
      );
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!secrets.some((secret) => isValidShopifySignature(rawBody, secret, signature))) {
      throw ApiError.unauthorized(
        'invalid_signature',
        'X-Shopify-Hmac-Sha256 is missing or does not match the body',
      );
    }
    const answer = await this.deliveries.receive({ rawBody, topic, eventId, webhookId, shop });
    if (answer.status === 'ignored') void res.status(202);
    return { data: answer };
  }
}
