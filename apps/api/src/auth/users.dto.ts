/** The people routes' contract as Nest DTOs (validated by the global pipe). */
import { newPersonBody, personChangeBody, personParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class NewPersonDto extends createZodDto(newPersonBody) {}
export class PersonChangeDto extends createZodDto(personChangeBody) {}
export class PersonParamsDto extends createZodDto(personParams) {}
