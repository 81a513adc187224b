import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TemplatesModule } from '../templates/templates.module';
import { ExampleJourneyLoader } from './example-journey-loader.service';
import { JourneyExperimentsService } from './journey-experiments.service';
import { JourneyLifecycle } from './journey-lifecycle.service';
import { JourneyPublisher } from './journey-publisher.service';
import { JourneyStatsService } from './journey-stats.service';
import { JourneysController } from './journeys.controller';
import { JourneysService } from './journeys.service';
import { PublishImpactService } from './publish-impact.service';

/**
 * Journeys: drafts, publishing (against the template catalog), lifecycle, statistics, experiments, and the
 * shipped examples loaded on first start. Temporal's client comes from the global TemporalModule.
 */
@Module({
  imports: [AuditModule, TemplatesModule],
  controllers: [JourneysController],
  providers: [
    JourneysService,
    JourneyPublisher,
    JourneyLifecycle,
    JourneyStatsService,
    ExampleJourneyLoader,
    JourneyExperimentsService,
    PublishImpactService,
  ],
  exports: [JourneysService, JourneyPublisher],
})
export class JourneysModule {}
