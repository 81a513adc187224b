import { Module } from '@nestjs/common';
import { IngestionModule } from '../events/ingestion.module';
import { CustomerSurveyAnswersController } from './customer-survey-answers.controller';
import { SurveyPageController } from './survey-page.controller';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** One-click surveys: the hosted answer page, the results and a customer's answers (docs/product.md, "Surveys"). */
@Module({
  imports: [IngestionModule],
  controllers: [SurveyPageController, SurveysController, CustomerSurveyAnswersController],
  providers: [SurveysService],
})
export class SurveysModule {}
