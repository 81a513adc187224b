/** The journey results contract as Nest DTOs (validated by the global pipe). */
import { idParams, journeyResultsQuery } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class JourneyResultsQueryDto extends createZodDto(journeyResultsQuery) {}
export class JourneyResultsParamsDto extends createZodDto(idParams) {}
