/**
 * `POST /webhooks/shopify`: verifies the delivery's signature over the raw body, maps its topic
 * to a canonical event and stores it once (deduplicated on the event id, else the webhook id).
 */
import { Controller, Headers, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { Request, Response } from 'express';
import { ApiError } from '../errors/api-error';
import { EventIngestionService } from '../events/event-ingestion.service';
import { isValidShopifySignature } from './shopify-signature';
import { SHOPIFY_TOPICS, ShopifyPayloadError } from './shopify-topics';
import { Public } from '../auth/access.decorators';

@Controller('webhooks/shopify')
@Public()
export class ShopifyWebhookController {
  private readonly logger = new Logger(ShopifyWebhookController.name);

  constructor(
    private readonly ingestion: EventIngestionService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-shopify-hmac-sha256') signature: string | undefined,
    @Headers('x-shopify-topic') topic: string | undefined,
    @Headers('x-shopify-event-id') eventId: string | undefined,
    @Headers('x-shopify-webhook-id') webhookId: string | undefined,
    @Headers('x-shopify-shop-domain') shop: string | undefined,
  ): Promise<{ data: { status: string; eventId?: string; topic?: string } }> {
    const secret = this.env.SHOPIFY_WEBHOOK_SECRET;
    if (!secret) {
      throw ApiError.unauthorized(
        'webhook_not_configured',
        'SHOPIFY_WEBHOOK_SECRET is not set, so no delivery can be verified',
      );
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isValidShopifySignature(rawBody, secret, signature)) {
      throw ApiError.unauthorized(
        'invalid_signature',
        'X-Shopify-Hmac-Sha256 is missing or does not match the body',
      );
    }
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw ApiError.badRequest('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw ApiError.badRequest('invalid_payload', 'The body must be a JSON object');
    }
    const mapper = topic ? SHOPIFY_TOPICS[topic] : undefined;
    if (!mapper) {
      // Shopify retries anything but 2xx; an unsubscribed topic is acknowledged and dropped.
      this.logger.log(`ignored Shopify topic "${topic ?? '(none)'}" from ${shop ?? 'unknown shop'}`);
      res.status(202);
      return { data: { status: 'ignored', topic } };
    }
    const deliveryId = eventId ?? webhookId;
    if (!deliveryId) {
      throw ApiError.badRequest(
        'missing_delivery_id',
        'X-Shopify-Event-Id or X-Shopify-Webhook-Id is required',
      );
    }
    let mapped;
    try {
      mapped = mapper(payload as Record<string, unknown>, new Date());
    } catch (error) {
      if (error instanceof ShopifyPayloadError) {
        throw ApiError.unprocessable('invalid_payload', error.message, { field: error.field });
      }
      throw error;
    }
    const accepted = await this.ingestion.ingest({
      ...mapped,
      optIns: mapped.properties.acceptsSmsMarketing === true ? ['sms'] : [],
      idempotencyKey: `shopify:${deliveryId}`,
      source: shop ? `shopify:${shop}` : 'shopify',
    });
    return { data: { status: accepted.duplicate ? 'duplicate' : 'accepted', eventId: accepted.eventId } };
  }
}
