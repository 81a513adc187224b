/**
 * Journeys (docs/product.md, "Journeys"): create and edit a draft, publish it as the next immutable
 * version (validated against the journey lib's `journeyDefinitionSchema`, every problem at once),
 * pause, resume and archive, and the per-node statistics the editor draws on the canvas.
 */
import {
  JOURNEY_STATUSES,
  journeyDefinitionSchema,
  RUN_STATUSES,
  type JourneyProblemCode,
} from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, name, text } from './http';
import { MESSAGE_STATUSES } from './outbox.contract';

/**
 * `{id}` of a journey. Anything that is not a journey's id, UUID or not, is answered 404 (as
 * before the contract), so a client cannot tell a malformed id from a deleted one.
 */
export const journeyIdParams = z.object({ id: text(200).min(1).describe('Journey id (a UUID)') });

// A draft may be unfinished (the editor saves it as it is drawn): it must only have the graph's
// shape. Node data is not checked here; publishing parses the draft with journeyDefinitionSchema.
const draftNodeSchema = z.looseObject({
  id: text(200).min(1),
  type: text(100).describe('A node type of the journey lib (`send.email` …); checked when publishing'),
});
const draftEdgeSchema = z.looseObject({ source: text(200), target: text(200) });

export const journeyDraftSchema = z
  .looseObject({
    nodes: z.array(draftNodeSchema).max(1000),
    edges: z.array(draftEdgeSchema).max(2000),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('The journey graph as drawn, possibly unfinished (publishing validates it)');
export type JourneyDraft = z.infer<typeof journeyDraftSchema>;

export const createJourneyBody = z
  .object({
    name: name(),
    definition: journeyDraftSchema.default({ nodes: [], edges: [] }),
  })
  .meta({ title: 'CreateJourney' });
export type CreateJourney = z.infer<typeof createJourneyBody>;

export const updateDraftBody = z
  .object({
    name: name().optional().describe('A new name; the name is kept when absent'),
    definition: journeyDraftSchema,
  })
  .meta({ title: 'UpdateDraft' });
export type UpdateDraft = z.infer<typeof updateDraftBody>;

const journeySummaryShape = {
  id: z.string().uuid(),
  name: z.string(),
  status: z.enum(JOURNEY_STATUSES),
  publishedVersion: z.number().int().nullable().describe('The newest published version; null while a draft'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

export const journeySummarySchema = z.object(journeySummaryShape).meta({ id: 'JourneySummary' });
export type JourneySummary = z.infer<typeof journeySummarySchema>;

/** A journey with the draft being edited. */
export const journeyDetailSchema = z
  .object({ ...journeySummaryShape, draft: journeyDraftSchema })
  .meta({ id: 'JourneyDetail' });
export type JourneyDetail = z.infer<typeof journeyDetailSchema>;

/** A published, immutable version: the definition runs started on it walk. */
export const journeyVersionSchema = z
  .object({
    version: z.number().int(),
    publishedAt: isoDateTime,
    definition: journeyDefinitionSchema,
  })
  .meta({ id: 'JourneyVersion' });
export type JourneyVersion = z.infer<typeof journeyVersionSchema>;

export const publishResultSchema = z.object({
  journey: journeySummarySchema,
  version: z.number().int().describe('The version just published'),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

/** Every code publishing may report (the journey lib's `JourneyProblemCode`). */
export const JOURNEY_PROBLEM_CODES = [
  'invalid_shape',
  'duplicate_node_id',
  'no_trigger',
  'multiple_triggers',
  'unreachable_node',
  'edge_unknown_node',
  'edge_unknown_output',
  'output_not_connected',
  'output_connected_twice',
  'edge_into_trigger',
  'loop_without_wait',
  'invalid_duration',
  'invalid_percentages',
  'template_missing',
  'template_invalid',
  'template_needs_data',
  'invalid_condition',
  'invalid_setting',
  'unsupported_node',
] as const satisfies readonly JourneyProblemCode[];
// Compile-time check that the list above names every code the journey lib has.
const everyProblemCodeListed: Record<
  Exclude<JourneyProblemCode, (typeof JOURNEY_PROBLEM_CODES)[number]>,
  never
> = {};
void everyProblemCodeListed;

export const journeyProblemSchema = z
  .object({
    nodeId: z.string().nullable().describe('The node the problem concerns; null: the journey as a whole'),
    code: z.enum(JOURNEY_PROBLEM_CODES),
    message: z.string(),
  })
  .meta({ id: 'JourneyProblem' });
export type JourneyProblem = z.infer<typeof journeyProblemSchema>;

/** `error.details` of the 422 `journey_invalid` answer to a publish: every problem at once. */
export const publishProblemsSchema = z.object({ problems: z.array(journeyProblemSchema) });
export type PublishProblems = z.infer<typeof publishProblemsSchema>;

export const LIFECYCLE_ACTIONS = ['pause', 'resume', 'archive'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export const lifecycleResultSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(JOURNEY_STATUSES).describe('The status the journey has now'),
  runsNotified: z.number().int().describe('Running runs told to hold, go on, or end'),
});
export type LifecycleResult = z.infer<typeof lifecycleResultSchema>;

const count = z.number().int().min(0);

/** One node's counts, over every version and run of the journey. */
export const nodeStatsSchema = z
  .object({
    entered: count.describe('Steps recorded at this node (a loop counts each visit)'),
    waiting: count.describe('Runs waiting at this node now'),
    completed: count,
    skipped: count,
    failed: count,
    skippedBy: z
      .record(z.string(), count)
      .describe('Skips by their recorded reason ("frequency cap" …), without the date a reason may end with'),
    messages: z
      .partialRecord(z.enum([...MESSAGE_STATUSES, 'delivered', 'opened', 'clicked', 'bounced']), count)
      .describe(
        'Messages sent from this node by ledger status, and by what the provider reported (delivered, opened, clicked, bounced)',
      ),
  })
  .meta({ id: 'NodeStats' });
export type NodeStats = z.infer<typeof nodeStatsSchema>;

export const journeyStatsSchema = z
  .object({
    runs: z
      .partialRecord(z.enum(RUN_STATUSES), count)
      .describe('Runs by status; `failed` counts the runs that ended with a failed step'),
    entered: count.describe('Runs started'),
    conversions: count,
    revenue: z.number().describe('Revenue attributed to the conversions'),
    nodes: z.record(z.string(), nodeStatsSchema).describe('By node id'),
  })
  .meta({ id: 'JourneyStats' });
export type JourneyStats = z.infer<typeof journeyStatsSchema>;

export const journeyListResponse = data(z.array(journeySummarySchema)).meta({ title: 'JourneyList' });
export const journeySummaryResponse = data(journeySummarySchema).meta({ title: 'JourneySummaryAnswer' });
export const journeyDetailResponse = data(journeyDetailSchema).meta({ title: 'JourneyDetailAnswer' });
export const journeyVersionsResponse = data(z.array(journeyVersionSchema)).meta({ title: 'JourneyVersions' });
export const publishResponse = data(publishResultSchema).meta({ title: 'PublishAnswer' });
export const lifecycleResponse = data(lifecycleResultSchema).meta({ title: 'LifecycleAnswer' });
export const journeyStatsResponse = data(journeyStatsSchema).meta({ title: 'JourneyStatsAnswer' });

/** A node of the draft or of the live version, as the publish impact names it. */
const impactNodeSchema = z.object({
  id: z.string(),
  type: z.string().describe('The node type (`send.email` …)'),
});

/**
 * What publishing the draft would change against the live (newest published) version, and
 * whether it may be published now. docs/product.md, "Publishing".
 */
export const publishImpactSchema = z.object({
  liveVersion: z.number().int().nullable().describe('The newest published version; null: never published'),
  nodes: z.object({
    added: z.array(impactNodeSchema).describe('In the draft, not in the live version'),
    removed: z.array(impactNodeSchema).describe('In the live version, not in the draft'),
    changed: z
      .array(
        impactNodeSchema.extend({
          fields: z
            .array(z.string())
            .describe(
              'What differs: `type`, or `data.<key>` for each changed data field (the position is ignored)',
            ),
        }),
      )
      .describe('In both, with a different type or data'),
  }),
  edges: z.object({
    added: count.describe('Connections in the draft, not in the live version'),
    removed: count.describe('Connections in the live version, not in the draft'),
  }),
  settingsChanged: z.array(z.string()).describe('The journey settings keys (`goal`, `exitOn` …) that differ'),
  runsInProgress: z
    .array(z.object({ version: z.number().int(), runs: count }))
    .describe('Running runs per published version, oldest version first; they stay on their version'),
  problems: z
    .array(journeyProblemSchema)
    .describe('What publishing would refuse (the 422 `journey_invalid` list)'),
  canPublish: z.boolean().describe('No problem, and the journey is not archived'),
});
export type PublishImpact = z.infer<typeof publishImpactSchema>;
export const publishImpactResponse = data(publishImpactSchema).meta({ title: 'PublishImpactAnswer' });
