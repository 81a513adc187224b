/** The outbox contract as Nest DTOs (validated by the global pipe). */
import { outboxMessageParams, outboxQuery } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class OutboxQueryDto extends createZodDto(outboxQuery) {}
export class OutboxMessageParamsDto extends createZodDto(outboxMessageParams) {}
