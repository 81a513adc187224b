/** The API's dependency graph. */
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { environmentProvider } from './config/environment.provider';
import { CustomerProfilesController } from './customers/customer-profiles.controller';
import { CustomerProfiles } from './customers/customer-profiles.service';
import { CustomersController } from './customers/customers.controller';
import { ProductsController } from './customers/products.controller';
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
import { TemplatesController } from './templates/templates.controller';
import { LifecycleSettingsController } from './settings/lifecycle-settings.controller';
import { EventIngestionService } from './events/event-ingestion.service';
import { EventRouter } from './events/event-router.service';
import { ExampleJourneyLoader } from './journeys/example-journey-loader.service';
import { JourneyLifecycle } from './journeys/journey-lifecycle.service';
import { JourneyStats } from './journeys/journey-stats.service';
import { JourneysController } from './journeys/journeys.controller';
import { JourneysService } from './journeys/journeys.service';
import { OpenApiController, OpenApiDocument } from './openapi/openapi.controller';
import { ContractValidationPipe } from './http/zod-validation';
import { OutboxController } from './outbox/outbox.controller';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { temporalClientProvider } from './temporal/temporal-client.provider';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller';
import { SendGridEventsWebhookController } from './webhooks/sendgrid-events-webhook.controller';
import { TwilioWebhookController } from './webhooks/twilio-webhook.controller';

@Module({
  imports: [DatabaseModule, AuditModule, SegmentsModule, AuthModule, HealthModule],
  controllers: [
    CustomerProfilesController,
    OpenApiController,
    ShopifyWebhookController,
    SendGridEventsWebhookController,
    TwilioWebhookController,
    JourneysController,
    RunsController,
    OutboxController,
    UnsubscribeController,
    EventsController,
    CustomersController,
    ProductsController,
    LifecycleSettingsController,
    TemplatesController,
  ],
  providers: [
    environmentProvider,
    temporalClientProvider,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_PIPE, useClass: ContractValidationPipe },
    OpenApiDocument,
    {
      provide: TemplateCatalog,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => new TemplateCatalog(env.TEMPLATES_DIR),
    },
    EventIngestionService,
    CustomerProfiles,
    EventRouter,
    JourneysService,
    JourneyLifecycle,
    JourneyStats,
    ExampleJourneyLoader,
    RunsService,
    DeliveryEventRecorder,
    SendGridEvents,
    InboundMessages,
  ],
})
export class AppModule {}
