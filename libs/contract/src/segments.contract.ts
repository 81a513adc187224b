/** Segments: saved conditions with their live value (docs/product.md, "Segments"). */
import { conditionSchema, JOURNEY_STATUSES, LIFECYCLE_STAGES } from '@waypoint/journey';
import { z } from 'zod';
import { data, name, pageQuery, text } from './http';

/** A segment is addressed by its id or, for the shipped presets, by its key (`big-spenders`). */
export const segmentRefParams = z.object({ id: text(200).min(1) });

export const createSegmentBody = z
  .strictObject({
    name: name(),
    description: text(1000).optional(),
    condition: conditionSchema,
  })
  .meta({ title: 'CreateSegment' });
export type CreateSegment = z.infer<typeof createSegmentBody>;

/** Name, description and condition; a shipped preset keeps its key. Only the fields given change. */
export const updateSegmentBody = z
  .strictObject({
    name: name().optional(),
    description: text(1000).nullable().optional(),
    condition: conditionSchema.optional(),
  })
  .meta({ title: 'UpdateSegment' });
export type UpdateSegment = z.infer<typeof updateSegmentBody>;

export const segmentMembersQuery = pageQuery.extend({
  q: text(200)
    .optional()
    .describe('Only members whose email, first name, last name or full name begins with this (any case)'),
});
export type SegmentMembersQuery = z.infer<typeof segmentMembersQuery>;

/** Days of orders counted in a segment's `revenue`. */
export const SEGMENT_REVENUE_DAYS = 30;

export const segmentValueSchema = z.object({
  count: z.number().int(),
  totalSpent: z.number().describe('CLTV: the historic spend of every member'),
  averageSpent: z.number(),
  averageOrderValue: z.number().nullable(),
  revenue: z
    .number()
    .describe(
      `What the members' orders placed in the last ${SEGMENT_REVENUE_DAYS} days came to (cancelled orders left out); CLTV is totalSpent`,
    ),
  revenueDays: z.number().int().describe('The period `revenue` covers, in days'),
});

export const segmentJourneySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  status: z.enum(JOURNEY_STATUSES),
});
export type SegmentJourney = z.infer<typeof segmentJourneySchema>;

export const segmentSchema = z
  .object({
    id: z.string().uuid(),
    key: z.string().nullable().describe('Set for the shipped presets'),
    name: z.string(),
    description: z.string().nullable(),
    condition: conditionSchema,
    journeys: z
      .array(segmentJourneySchema)
      .describe(
        'Journeys (not archived) whose segment trigger names this segment, by id or key, in their draft or published version',
      ),
  })
  .extend(segmentValueSchema.shape)
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof segmentSchema>;

export const segmentMemberSchema = z
  .object({
    id: z.string().uuid(),
    externalId: z.string().nullable(),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    ordersCount: z.number().int(),
    totalSpent: z.number(),
  })
  .meta({ id: 'SegmentMember' });
export type SegmentMember = z.infer<typeof segmentMemberSchema>;

export const segmentListResponse = data(z.array(segmentSchema)).meta({ title: 'SegmentList' });
export const segmentResponse = data(segmentSchema).meta({ title: 'SegmentAnswer' });
export const segmentMembersResponse = data(z.array(segmentMemberSchema)).meta({ title: 'SegmentMembers' });
