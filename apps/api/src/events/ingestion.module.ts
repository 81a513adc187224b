import { Module } from '@nestjs/common';
import { CoalescedEventInserts } from './coalesced-event-inserts';
import { EventApiService } from './event-api.service';
import { EventImportService } from './event-import.service';
import { EventIngestionService } from './event-ingestion.service';
import { EventsController } from './events.controller';
import { RoutingModule } from './routing.module';

/**
 * Ingestion: the event API (API key) and the one way every event is stored, whoever sends it
 * (the event API, Shopify, SendGrid, Twilio, the profile API's customer merge). Exported for them.
 */
@Module({
  imports: [RoutingModule],
  controllers: [EventsController],
  providers: [EventIngestionService, EventApiService, EventImportService, CoalescedEventInserts],
  exports: [EventIngestionService],
})
export class IngestionModule {}
