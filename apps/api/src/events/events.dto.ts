/** The event API's contract as Nest DTOs (validated by the global pipe). */
import { eventBatchBody, eventBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class EventDto extends createZodDto(eventBody) {}
export class EventBatchDto extends createZodDto(eventBatchBody) {}
