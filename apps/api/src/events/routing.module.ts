import { Module } from '@nestjs/common';
import { environmentProvider } from '../config/environment.provider';
import { temporalClientProvider } from '../temporal/temporal-client.provider';
import { EventRouter } from './event-router.service';

/**
 * Routing: the event router (the outbox, run starts and signals), the live journeys it matches
 * against and goal conversions. It needs the Temporal client; until a shared Temporal module
 * exists it provides the client itself from the same provider as the rest of the API.
 */
@Module({
  providers: [EventRouter, environmentProvider, temporalClientProvider],
  exports: [EventRouter],
})
export class RoutingModule {}
