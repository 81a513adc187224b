import { Module } from '@nestjs/common';
import { JourneyPreviewer, RUN_DECISION_PROVIDERS } from '@waypoint/run-decisions';
import { TemplatesModule } from '../templates/templates.module';
import { JourneyPreviewController } from './journey-preview.controller';
import { JourneyPreviewService } from './journey-preview.service';

/**
 * Preview for a customer: the run's decisions (libs/run-decisions, the same classes the worker's
 * activities use) over the API's database, store profile and template catalog.
 */
@Module({
  imports: [TemplatesModule],
  controllers: [JourneyPreviewController],
  providers: [JourneyPreviewService, JourneyPreviewer, ...RUN_DECISION_PROVIDERS],
})
export class JourneyPreviewModule {}
