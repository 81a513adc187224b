/**
 * `GET /health`. It makes its own lazy Temporal client (a connection opened on the first check)
 * until a shared Temporal module provides one.
 */
import { Module } from '@nestjs/common';
import { environmentProvider } from '../config/environment.provider';
import { temporalClientProvider } from '../temporal/temporal-client.provider';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  controllers: [HealthController],
  providers: [environmentProvider, temporalClientProvider, HealthService],
})
export class HealthModule {}
