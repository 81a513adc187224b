/**
 * The journey graph as stored (JSON): nodes, edges and settings. One schema shared by the
 * editor, the API (validating drafts) and the workflow (walking the published version).
 */
import { z } from 'zod';

const nodeBase = {
  id: z.string().min(1).max(64),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
};

/** A property filter: every listed path must equal the value (the condition language grows in the engine issue). */
export const propertyFilterSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const triggerEventNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.event'),
  data: z.object({
    event: z.string().min(1),
    filter: propertyFilterSchema.optional(),
    keyPath: z.string().min(1).optional(),
  }),
});

export const triggerSegmentNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.segment'),
  data: z.object({ segmentId: z.string().optional(), stage: z.string().optional() }),
});

export const triggerDateNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.date'),
  data: z.object({ attribute: z.string().min(1), offset: z.string().optional() }),
});

export const waitDelayNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.delay'),
  data: z.object({ duration: z.string() }),
});

export const waitUntilNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.until'),
  data: z.object({
    timeOfDay: z.string().optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).optional(),
    attribute: z.string().optional(),
    offset: z.string().optional(),
  }),
});

export const waitEventNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.event'),
  data: z.object({ event: z.string().min(1), filter: propertyFilterSchema.optional(), timeout: z.string() }),
});

export const branchConditionNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('branch.condition'),
  data: z.object({
    conditions: z
      .array(z.object({ id: z.string().min(1), name: z.string().min(1), when: z.unknown() }))
      .min(1),
  }),
});

export const branchSplitNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('branch.split'),
  data: z.object({
    arms: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), percent: z.number() })).min(2),
  }),
});

export const sendEmailNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('send.email'),
  data: z.object({
    template: z.string().min(1),
    from: z.string().optional(),
    category: z.enum(['marketing', 'transactional']).default('marketing'),
  }),
});

export const sendSmsNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('send.sms'),
  data: z.object({ template: z.string().min(1) }),
});

export const sendWhatsappNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('send.whatsapp'),
  data: z.object({
    template: z.string().optional(),
    contentSid: z.string().optional(),
    contentVariables: z.record(z.string(), z.string()).optional(),
  }),
});

export const actionCouponNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('action.coupon'),
  data: z.object({
    kind: z.enum(['percent', 'fixed', 'free_shipping']),
    value: z.number().nonnegative().default(0),
    expiresIn: z.string().optional(),
    prefix: z.string().max(20).default(''),
  }),
});

export const actionUpdateProfileNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('action.update_profile'),
  data: z.object({
    set: z.record(z.string(), z.unknown()).optional(),
    addTags: z.array(z.string()).optional(),
    removeTags: z.array(z.string()).optional(),
    awardPoints: z.number().int().optional(),
  }),
});

export const actionWebhookNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('action.webhook'),
  data: z.object({ url: z.string().url(), body: z.string().optional() }),
});

export const exitNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('exit'),
  data: z.object({}).default({}),
});

export const journeyNodeSchema = z.discriminatedUnion('type', [
  triggerEventNodeSchema,
  triggerSegmentNodeSchema,
  triggerDateNodeSchema,
  waitDelayNodeSchema,
  waitUntilNodeSchema,
  waitEventNodeSchema,
  branchConditionNodeSchema,
  branchSplitNodeSchema,
  sendEmailNodeSchema,
  sendSmsNodeSchema,
  sendWhatsappNodeSchema,
  actionCouponNodeSchema,
  actionUpdateProfileNodeSchema,
  actionWebhookNodeSchema,
  exitNodeSchema,
]);

export const journeyEdgeSchema = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).default('next'),
  target: z.string().min(1),
});

export const journeySettingsSchema = z
  .object({
    exitOn: z
      .array(z.object({ event: z.string().min(1), filter: propertyFilterSchema.optional() }))
      .default([]),
    reentry: z
      .object({ mode: z.enum(['never', 'after_exit', 'cooldown']), cooldown: z.string().optional() })
      .default({ mode: 'after_exit' }),
  })
  .default({});

export const journeyDefinitionSchema = z.object({
  nodes: z.array(journeyNodeSchema),
  edges: z.array(journeyEdgeSchema),
  settings: journeySettingsSchema,
});

export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;
export type JourneyDefinitionInput = z.input<typeof journeyDefinitionSchema>;
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeType = JourneyNode['type'];
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;
export type JourneySettings = z.infer<typeof journeySettingsSchema>;
export type NodeOfType<T extends JourneyNodeType> = Extract<JourneyNode, { type: T }>;
