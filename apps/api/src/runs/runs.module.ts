import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** Runs as support sees and acts on them (Temporal's client comes from the global TemporalModule). */
@Module({
  imports: [AuditModule],
  controllers: [RunsController],
  providers: [RunsService],
  exports: [RunsService],
})
export class RunsModule {}
