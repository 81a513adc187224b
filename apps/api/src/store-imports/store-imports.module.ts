import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoreImportsController } from './store-imports.controller';
import { StoreImportsService } from './store-imports.service';

/** History imports from the connected store: started here, run by the worker. */
@Module({
  imports: [AuditModule],
  controllers: [StoreImportsController],
  providers: [StoreImportsService],
})
export class StoreImportsModule {}
