/** The journeys contract as Nest DTOs (validated by the global pipe). */
import { createJourneyBody, journeyIdParams, updateDraftBody } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class JourneyIdDto extends createZodDto(journeyIdParams) {}
export class CreateJourneyDto extends createZodDto(createJourneyBody) {}
export class UpdateDraftDto extends createZodDto(updateDraftBody) {}
