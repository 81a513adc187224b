import { Module } from '@nestjs/common';
import { TemplateCatalog } from '@waypoint/channels';
import { AuditModule } from '../audit/audit.module';
import { templateCatalogProvider } from './template-catalog.provider';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Message templates; exports the catalog, which publishing checks a journey's templates against. */
@Module({
  imports: [AuditModule],
  controllers: [TemplatesController],
  providers: [templateCatalogProvider, TemplatesService],
  exports: [TemplateCatalog],
})
export class TemplatesModule {}
