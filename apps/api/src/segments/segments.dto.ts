/** The segments contract as Nest DTOs (validated by the global pipe). */
import { createSegmentBody, segmentMembersQuery, segmentRefParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class CreateSegmentDto extends createZodDto(createSegmentBody) {}
export class SegmentRefDto extends createZodDto(segmentRefParams) {}
export class SegmentMembersQueryDto extends createZodDto(segmentMembersQuery) {}
