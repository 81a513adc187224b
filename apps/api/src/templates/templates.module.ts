import { Module } from '@nestjs/common';
import { channelProviders, TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { AuditModule } from '../audit/audit.module';
import { templateCatalogProvider } from './template-catalog.provider';
import { TemplateRenderer } from './template-renderer.service';
import { TemplateResolver } from './template-resolver.service';
import { CHANNEL_PROVIDERS, TemplateTestSender } from './template-test-send.service';
import { TemplateVariables } from './template-variables.service';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/**
 * Message templates; exports the catalog and the resolver, with which publishing checks a
 * journey's templates and pins their versions.
 */
@Module({
  imports: [AuditModule],
  controllers: [TemplatesController],
  providers: [
    templateCatalogProvider,
    TemplateResolver,
    TemplateRenderer,
    TemplatesService,
    TemplateVariables,
    TemplateTestSender,
    {
      provide: CHANNEL_PROVIDERS,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => channelProviders(env),
    },
  ],
  exports: [TemplateCatalog, TemplateResolver],
})
export class TemplatesModule {}
