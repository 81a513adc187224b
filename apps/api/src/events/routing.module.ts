import { Module } from '@nestjs/common';
import { RealtimeSegments } from '../segments/realtime-segments.service';
import { EventRouter } from './event-router.service';

/**
 * Routing: the event router (the outbox, run starts and signals), the live journeys it matches
 * against and goal conversions. The Temporal client comes from the global TemporalModule.
 */
@Module({
  providers: [EventRouter, RealtimeSegments],
  exports: [EventRouter, RealtimeSegments],
})
export class RoutingModule {}
