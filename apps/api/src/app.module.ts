/**
 * The API: one module per feature, composed here. Each feature module owns its controllers and
 * services; what is shared (PostgreSQL, the Temporal client, the audit log) comes from its own
 * module. The global pieces: the access guard (AuthModule), the validation pipe and the error
 * filter (below).
 */
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { DeliveryModule } from './delivery/delivery.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { DependencyOutagesModule } from './errors/dependency-outages.module';
import { IngestionModule } from './events/ingestion.module';
import { RoutingModule } from './events/routing.module';
import { HealthModule } from './health/health.module';
import { ContractValidationPipe } from './http/zod-validation';
import { JourneysModule } from './journeys/journeys.module';
import { OpenApiController, OpenApiDocument } from './openapi/openapi.controller';
import { OutboxModule } from './outbox/outbox.module';
import { RunsModule } from './runs/runs.module';
import { SegmentsModule } from './segments/segments.module';
import { SettingsModule } from './settings/settings.module';
import { StoreImportsModule } from './store-imports/store-imports.module';
import { TemplatesModule } from './templates/templates.module';
import { TemporalModule } from './temporal/temporal.module';
import { UnsubscribeModule } from './unsubscribe/unsubscribe.module';
import { LinksModule } from './links/links.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ConnectedStoreModule } from './store/connected-store.module';
import { StoreModule } from './store/store.module';
import { StoreProfileReaderModule } from './settings/store-profile-reader.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { SurveysModule } from './surveys/surveys.module';
import { ResultsModule } from './results/results.module';
import { TestRunsModule } from './test-runs/test-runs.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { JourneyPreviewModule } from './journey-preview/journey-preview.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    TemporalModule,
    DependencyOutagesModule,
    AuditModule,
    AuthModule,
    HealthModule,
    JourneysModule,
    RunsModule,
    TemplatesModule,
    SegmentsModule,
    SettingsModule,
    OutboxModule,
    IngestionModule,
    RoutingModule,
    WebhooksModule,
    DeliveryModule,
    CustomersModule,
    UnsubscribeModule,
    LinksModule,
    ConnectedStoreModule,
    StoreModule,
    StoreImportsModule,
    StoreProfileReaderModule,
    DashboardModule,
    SurveysModule,
    ResultsModule,
    TestRunsModule,
    CatalogueModule,
    JourneyPreviewModule,
  ],
  controllers: [OpenApiController],
  providers: [
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_PIPE, useClass: ContractValidationPipe },
    OpenApiDocument,
  ],
})
export class AppModule {}
