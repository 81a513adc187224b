/** Segments: saved conditions with their live value (docs/product.md, "Segments"). */
import { conditionSchema, LIFECYCLE_STAGES } from '@waypoint/journey';
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

export const segmentMembersQuery = pageQuery;

export const segmentValueSchema = z.object({
  count: z.number().int(),
  totalSpent: z.number().describe('CLTV: the historic spend of every member'),
  averageSpent: z.number(),
  averageOrderValue: z.number().nullable(),
});

export const segmentSchema = z
  .object({
    id: z.string().uuid(),
    key: z.string().nullable().describe('Set for the shipped presets'),
    name: z.string(),
    description: z.string().nullable(),
    condition: conditionSchema,
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
