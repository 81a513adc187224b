/**
 * The audit log: its writer (AuditLog, imported by every feature that changes things on someone's
 * behalf) and the admins' `GET /v1/audit-log`.
 */
import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLog } from './audit-log.service';

@Module({
  controllers: [AuditLogController],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
