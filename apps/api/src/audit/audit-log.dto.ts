/** The audit log's query as a Nest DTO (validated by the global pipe). */
import { auditLogQuery } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class AuditLogQueryDto extends createZodDto(auditLogQuery) {}
