/**
 * The journey graph as stored (JSON): nodes, edges and settings. One schema shared by the
 * editor, the API (validating drafts) and the workflow (walking the published version).
 */
import { z } from 'zod';
import { conditionSchema } from './condition.schema';

const nodeBase = {
  id: z.string().min(1).max(64),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
};

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day like "09:00"');
/** A signed duration: "-3d" (before), "2h" or "+2h" (after). */
export const offsetSchema = z
  .string()
  .regex(/^[+-]?\s*\d+\s*[smhdw]$/, 'must be a signed duration like "-3d" or "+2h"');
const channelSchema = z.enum(['email', 'sms', 'whatsapp']);

export const triggerEventNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.event'),
  data: z.object({
    event: z.string().min(1),
    filter: conditionSchema.optional(),
    /** Keyed entry: a second trigger event with the same key refreshes the active run (e.g. checkoutToken). */
    keyPath: z.string().min(1).optional(),
    /** Other events that refresh a keyed run when their key matches (e.g. checkout.updated). */
    refreshOn: z.array(z.string().min(1)).optional(),
  }),
});

export const triggerSegmentNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.segment'),
  data: z
    .object({ segmentId: z.string().min(1).optional(), stage: z.string().min(1).optional() })
    .refine(
      (d) => (d.segmentId ? 1 : 0) + (d.stage ? 1 : 0) === 1,
      'name either a segment or a lifecycle stage',
    ),
});

export const triggerDateNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('trigger.date'),
  data: z.object({ attribute: z.string().min(1), offset: offsetSchema.optional() }),
});

export const waitDelayNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.delay'),
  data: z.object({ duration: z.string() }),
});

export const waitUntilNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.until'),
  data: z
    .object({
      /** Local time in the customer's time zone, on one of the allowed weekdays (0 = Sunday). */
      timeOfDay: timeOfDaySchema.optional(),
      weekdays: z.array(z.number().int().min(0).max(6)).min(1).optional(),
      /** Or a date attribute of the customer (e.g. `attributes.replenish_at`) plus an offset. */
      attribute: z.string().min(1).optional(),
      offset: offsetSchema.optional(),
    })
    .refine(
      (d) => (d.timeOfDay ? 1 : 0) + (d.attribute ? 1 : 0) === 1,
      'give either a time of day or a date attribute',
    ),
});

export const waitEventNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('wait.event'),
  data: z.object({
    event: z.string().min(1),
    filter: conditionSchema.optional(),
    timeout: z.string(),
    /** With a keyed trigger: only an event whose value at the trigger's keyPath is this run's key (the same order). */
    sameKey: z.boolean().optional(),
    /**
     * Only events naming this run (`properties.runId`): a click or open of one of the run's own
     * messages, not of another run's (another journey, an earlier entry) with the same node id.
     */
    thisRun: z.boolean().optional(),
  }),
});

export const branchConditionNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('branch.condition'),
  data: z.object({
    conditions: z
      .array(z.object({ id: z.string().min(1), name: z.string().min(1), when: conditionSchema }))
      .min(1),
  }),
});

/** The confidence levels an experiment may be judged at. */
export const EXPERIMENT_CONFIDENCES = [0.9, 0.95, 0.99] as const;
export type ExperimentConfidence = (typeof EXPERIMENT_CONFIDENCES)[number];

/**
 * How a split is judged as an experiment (docs/product.md, Experiments): no winner before every
 * compared arm has `minEntriesPerArm` entries (a fixed horizon, so looking early cannot pick a
 * winner by chance), then a two-sided test at `confidence`. The first arm is the control;
 * `holdoutArmId` names an arm that sends nothing, to measure what the journey adds.
 */
export const experimentSettingsSchema = z.object({
  minEntriesPerArm: z.number().int().min(1).max(100_000_000).default(1_000),
  confidence: z.literal(EXPERIMENT_CONFIDENCES).default(0.95),
  holdoutArmId: z.string().min(1).optional(),
});
export type ExperimentSettings = z.infer<typeof experimentSettingsSchema>;

export const branchSplitNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('branch.split'),
  data: z.object({
    arms: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), percent: z.number() })).min(2),
    /** Optional: a split without it is judged with the defaults (1,000 entries per arm, 95 %). */
    experiment: experimentSettingsSchema.optional(),
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
  data: z.object({
    template: z.string().min(1),
    category: z.enum(['marketing', 'transactional']).default('marketing'),
  }),
});

export const sendWhatsappNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('send.whatsapp'),
  data: z
    .object({
      /** Free-form text: only inside 24 h of the customer's last inbound WhatsApp message. */
      template: z.string().min(1).optional(),
      /** An approved template (Twilio Content SID) for outside that window; variables are templates too. */
      contentSid: z.string().min(1).optional(),
      contentVariables: z.record(z.string(), z.string()).optional(),
      category: z.enum(['marketing', 'transactional']).default('marketing'),
    })
    .refine(
      (d) => d.template || d.contentSid,
      'give a session template, an approved template (content SID), or both',
    ),
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

export const timeWindowSchema = z.object({ start: timeOfDaySchema, end: timeOfDaySchema });

export const journeySettingsSchema = z
  .object({
    /** Events that end the run at once, even mid-wait. Filters read only the event. */
    exitOn: z
      .array(
        z.object({
          event: z.string().min(1),
          filter: conditionSchema.optional(),
          /** With a keyed trigger: only an event for this run's key ends it (that order's cancellation). */
          sameKey: z.boolean().optional(),
        }),
      )
      .default([]),
    /** A conversion: this event within the window after entry counts for the journey, with its revenue. */
    goal: z
      .object({
        event: z.string().min(1),
        filter: conditionSchema.optional(),
        window: z.string(),
        revenueProperty: z.string().default('totalPrice'),
      })
      .optional(),
    reentry: z
      .object({ mode: z.enum(['never', 'after_exit', 'cooldown']), cooldown: z.string().optional() })
      .default({ mode: 'after_exit' }),
    /** Per channel, in the customer's time zone; a send inside the window waits until it ends. null: none. */
    quietHours: z
      .object({
        email: timeWindowSchema.nullable().optional(),
        sms: timeWindowSchema.nullable().optional(),
        whatsapp: timeWindowSchema.nullable().optional(),
      })
      .default({}),
    /** At most `max` messages per channel per `per`, counting every journey's sends to the customer. */
    frequencyCap: z
      .array(z.object({ channel: channelSchema, max: z.number().int().min(1), per: z.string() }))
      .default([]),
  })
  // prefault: an absent settings object is parsed as {} so every inner default applies.
  .prefault({});

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
