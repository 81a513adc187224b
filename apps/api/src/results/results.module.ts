import { Module } from '@nestjs/common';
import { JourneyResultsController } from './journey-results.controller';
import { JourneyResultsService } from './journey-results.service';

@Module({
  controllers: [JourneyResultsController],
  providers: [JourneyResultsService],
})
export class ResultsModule {}
