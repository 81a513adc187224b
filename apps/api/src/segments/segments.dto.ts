/** The segments contract as Nest DTOs (validated by the global pipe). */
import {
  createSegmentBody,
  segmentMembersQuery,
  segmentRefParams,
  updateSegmentBody,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class CreateSegmentDto extends createZodDto(createSegmentBody) {}
export class UpdateSegmentDto extends createZodDto(updateSegmentBody) {}
export class SegmentRefDto extends createZodDto(segmentRefParams) {}
export class SegmentMembersQueryDto extends createZodDto(segmentMembersQuery) {}
