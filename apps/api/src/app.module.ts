/** The API's dependency graph. */
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { dataSourceOptions } from '@waypoint/data';
import { environmentProvider } from './config/environment.provider';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { EventIngestionService } from './events/event-ingestion.service';
import { EventRouter } from './events/event-router.service';
import { HealthController } from './health/health.controller';
import { ExampleJourneyLoader } from './journeys/example-journey-loader.service';
import { JourneyLifecycle } from './journeys/journey-lifecycle.service';
import { JourneyStats } from './journeys/journey-stats.service';
import { JourneysController } from './journeys/journeys.controller';
import { JourneysService } from './journeys/journeys.service';
import { OpenApiController } from './openapi/openapi.controller';
import { OutboxController } from './outbox/outbox.controller';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { temporalClientProvider } from './temporal/temporal-client.provider';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      extraProviders: [environmentProvider],
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => dataSourceOptions(env.DATABASE_URL),
    }),
  ],
  controllers: [
    HealthController,
    OpenApiController,
    ShopifyWebhookController,
    JourneysController,
    RunsController,
    OutboxController,
    UnsubscribeController,
  ],
  providers: [
    environmentProvider,
    temporalClientProvider,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    {
      provide: TemplateCatalog,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => new TemplateCatalog(env.TEMPLATES_DIR),
    },
    EventIngestionService,
    EventRouter,
    JourneysService,
    JourneyLifecycle,
    JourneyStats,
    ExampleJourneyLoader,
    RunsService,
  ],
})
export class AppModule {}
