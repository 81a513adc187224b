import { Module } from '@nestjs/common';
import { IngestionModule } from '../events/ingestion.module';
import { SurveyPageController } from './survey-page.controller';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** One-click surveys: the hosted answer page and the results (docs/product.md, "Surveys"). */
@Module({
  imports: [IngestionModule],
  controllers: [SurveyPageController, SurveysController],
  providers: [SurveysService],
})
export class SurveysModule {}
