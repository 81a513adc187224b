/** The tracked link's contract as a Nest DTO (validated by the global pipe). */
import { trackedLinkParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class TrackedLinkParamsDto extends createZodDto(trackedLinkParams) {}
