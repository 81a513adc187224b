import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { IngestionModule } from '../events/ingestion.module';
import { SendGridDeliveries } from './sendgrid-deliveries.service';
import { SendGridEventsWebhookController } from './sendgrid-events-webhook.controller';
import { ShopifyDeliveries } from './shopify-deliveries.service';
import { ShopifyWebhookController } from './shopify-webhook.controller';
import { ShopifyWebhookSecrets } from './shopify-webhook-secrets.service';
import { TwilioDeliveries } from './twilio-deliveries.service';
import { TwilioWebhookController } from './twilio-webhook.controller';
import { WebhookDeadLettersController } from './webhook-dead-letters.controller';
import { WebhookDeadLetters } from './webhook-dead-letters.service';

/**
 * Signed webhooks in: Shopify (storefront events), SendGrid and Twilio (delivery reports and
 * incoming messages), each verified before anything is read, and the dead-letter list of signed
 * deliveries that can never be processed.
 */
@Module({
  imports: [IngestionModule, DeliveryModule, CatalogueModule],
  controllers: [
    ShopifyWebhookController,
    SendGridEventsWebhookController,
    TwilioWebhookController,
    WebhookDeadLettersController,
  ],
  providers: [
    ShopifyDeliveries,
    ShopifyWebhookSecrets,
    SendGridDeliveries,
    TwilioDeliveries,
    WebhookDeadLetters,
  ],
})
export class WebhooksModule {}
