import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RunsModule } from '../runs/runs.module';
import { TestProfilesController, TestRunDetailsController, TestRunsController } from './test-runs.controller';
import { TestRunsService } from './test-runs.service';

/** Test profiles and test runs (docs/product.md, "Test runs"). */
@Module({
  imports: [AuditModule, RunsModule],
  controllers: [TestProfilesController, TestRunsController, TestRunDetailsController],
  providers: [TestRunsService],
})
export class TestRunsModule {}
