/** The journey preview's contract as Nest DTOs (validated by the global pipe). */
import { journeyPreviewBody, previewCustomerQuery } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class JourneyPreviewDto extends createZodDto(journeyPreviewBody) {}
export class PreviewCustomerQueryDto extends createZodDto(previewCustomerQuery) {}
