/** The API's dependency graph. */
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { environmentProvider } from './config/environment.provider';
import { AuditLogController } from './audit/audit-log.controller';
import { AccessGuard } from './auth/access.guard';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysService } from './auth/api-keys.service';
import { AuthController } from './auth/auth.controller';
import { FirstAdmin } from './auth/first-admin.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { SessionsService } from './auth/sessions.service';
import { UsersController } from './auth/users.controller';
import { UsersService } from './auth/users.service';
import { ProductsController } from './customers/products.controller';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { SegmentsModule } from './segments/segments.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './audit/audit.module';
import { TemplatesController } from './templates/templates.controller';
import { LifecycleSettingsController } from './settings/lifecycle-settings.controller';
import { HealthController } from './health/health.controller';
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
import { IngestionModule } from './events/ingestion.module';
import { RoutingModule } from './events/routing.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DeliveryModule } from './delivery/delivery.module';
import { CustomersModule } from './customers/customers.module';
import { UnsubscribeModule } from './unsubscribe/unsubscribe.module';

@Module({
  imports: [
    DatabaseModule,
    AuditModule,
    SegmentsModule,
    IngestionModule,
    RoutingModule,
    WebhooksModule,
    DeliveryModule,
    CustomersModule,
    UnsubscribeModule,
  ],
  controllers: [
    AuthController,
    UsersController,
    ApiKeysController,
    AuditLogController,
    HealthController,
    OpenApiController,
    JourneysController,
    RunsController,
    OutboxController,
    ProductsController,
    LifecycleSettingsController,
    TemplatesController,
  ],
  providers: [
    environmentProvider,
    temporalClientProvider,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_PIPE, useClass: ContractValidationPipe },
    OpenApiDocument,
    {
      provide: TemplateCatalog,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => new TemplateCatalog(env.TEMPLATES_DIR),
    },
    ApiKeysService,
    SessionsService,
    UsersService,
    LoginThrottle,
    FirstAdmin,
    JourneysService,
    JourneyLifecycle,
    JourneyStats,
    ExampleJourneyLoader,
    RunsService,
  ],
})
export class AppModule {}
