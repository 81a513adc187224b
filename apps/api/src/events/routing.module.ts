import { Module } from '@nestjs/common';
import { EventRouter } from './event-router.service';

/**
 * Routing: the event router (the outbox, run starts and signals), the live journeys it matches
 * against and goal conversions. The Temporal client comes from the global TemporalModule.
 */
@Module({
  providers: [EventRouter],
  exports: [EventRouter],
})
export class RoutingModule {}
