/** The unsubscribe link's contract as Nest DTOs (validated by the global pipe). */
import { unsubscribeForm, unsubscribeParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class UnsubscribeParamsDto extends createZodDto(unsubscribeParams) {}
export class UnsubscribeFormDto extends createZodDto(unsubscribeForm) {}
