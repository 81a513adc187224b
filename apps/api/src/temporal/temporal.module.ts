/**
 * Temporal's client for every feature that starts or signals workflows (routing, journeys' lifecycle,
 * runs, health). Global, so those modules need not import it.
 */
import { Global, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { temporalClientProvider } from './temporal-client.provider';

@Global()
@Module({
  providers: [temporalClientProvider],
  exports: [Client],
})
export class TemporalModule {}
