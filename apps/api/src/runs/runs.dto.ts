/** The runs contract as Nest DTOs (validated by the global pipe). */
import { cancelRunBody, continueRunBody, customerRunsParams, runIdParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class RunIdDto extends createZodDto(runIdParams) {}
export class CustomerRefDto extends createZodDto(customerRunsParams) {}
export class CancelRunDto extends createZodDto(cancelRunBody) {}
export class ContinueRunDto extends createZodDto(continueRunBody) {}
