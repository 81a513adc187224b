import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** The audit log writer, imported by every feature that changes things on someone's behalf. */
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
