/** The API's dependency graph. */
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { environmentProvider } from './config/environment.provider';
import { CustomerProfilesController } from './customers/customer-profiles.controller';
import { CustomerProfiles } from './customers/customer-profiles.service';
import { CustomersController } from './customers/customers.controller';
import { DeliveryEventRecorder } from './delivery/delivery-event-recorder.service';
import { InboundMessages } from './delivery/inbound-messages.service';
import { SendGridEvents } from './delivery/sendgrid-events.service';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { EventsController } from './events/events.controller';
import { SegmentsModule } from './segments/segments.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { EventIngestionService } from './events/event-ingestion.service';
import { EventRouter } from './events/event-router.service';
import { OpenApiController, OpenApiDocument } from './openapi/openapi.controller';
import { ContractValidationPipe } from './http/zod-validation';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller';
import { SendGridEventsWebhookController } from './webhooks/sendgrid-events-webhook.controller';
import { TwilioWebhookController } from './webhooks/twilio-webhook.controller';
import { JourneysModule } from './journeys/journeys.module';
import { RunsModule } from './runs/runs.module';
import { TemplatesModule } from './templates/templates.module';
import { SettingsModule } from './settings/settings.module';
import { OutboxModule } from './outbox/outbox.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [
    DatabaseModule,
    AuditModule,
    SegmentsModule,
    TemporalModule,
    TemplatesModule,
    JourneysModule,
    RunsModule,
    SettingsModule,
    OutboxModule,
    AuthModule,
    HealthModule,
  ],
  controllers: [
    CustomerProfilesController,
    OpenApiController,
    ShopifyWebhookController,
    SendGridEventsWebhookController,
    TwilioWebhookController,
    UnsubscribeController,
    EventsController,
    CustomersController,
  ],
  providers: [
    environmentProvider,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_PIPE, useClass: ContractValidationPipe },
    OpenApiDocument,
    EventIngestionService,
    CustomerProfiles,
    EventRouter,
    DeliveryEventRecorder,
    SendGridEvents,
    InboundMessages,
  ],
})
export class AppModule {}
