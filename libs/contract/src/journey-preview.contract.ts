/**
 * Preview for a customer (docs/product.md, "Preview"): the path a customer would take through a
 * journey's draft or one of its versions if they entered now, node by node, decided by the same
 * code as a run (libs/run-decisions). Nothing is written, nothing is sent.
 */
import { STEP_OUTCOMES } from '@waypoint/journey';
import { z } from 'zod';
import { customerSummarySchema } from './customers.contract';
import { jsonObject } from './events.contract';
import { data, isoDateTime, LIMITS, text } from './http';

export const journeyPreviewBody = z
  .strictObject({
    customerId: z
      .string()
      .uuid()
      .describe('Who enters (a customer id; find one with GET /v1/preview/customers)'),
    version: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('A published version to preview; the current draft when absent'),
    event: z
      .strictObject({
        type: text(LIMITS.eventTypeLength).min(1),
        properties: jsonObject.default({}),
      })
      .optional()
      .describe("The trigger event to enter on; else the customer's latest event of the trigger's type"),
    splitSeed: z
      .string()
      .uuid()
      .optional()
      .describe(
        "A run id to draw split arms from (a run's arm is a hash of its id, node and visit); a random one when absent",
      ),
  })
  .meta({ title: 'JourneyPreviewRequest' });
export type JourneyPreviewBody = z.infer<typeof journeyPreviewBody>;

export const previewMessageSchema = z.object({
  channel: z.enum(['email', 'sms', 'whatsapp']),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string().describe('The message as text (an email as its plain-text part)'),
  html: z.string().nullable(),
});
export type PreviewMessage = z.infer<typeof previewMessageSchema>;

export const previewStepSchema = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  visit: z.number().int(),
  outcome: z.enum(STEP_OUTCOMES).describe('What the run would record when the node finishes'),
  branch: z.string().nullable().describe('The output taken (branches, splits, wait.event)'),
  reason: z.string().describe('The reason the run would record, in the same words'),
  at: isoDateTime.describe('When the run would reach the node'),
  wakeAt: isoDateTime.nullable().describe('When a wait (or a send deferred by quiet hours) would end'),
  wakeAtLocal: z
    .string()
    .nullable()
    .describe("wakeAt in the customer's time zone, e.g. 2026-12-07 08:00 Europe/Istanbul"),
  message: previewMessageSchema.nullable().describe('The rendered message of a send that would go'),
  assumption: z
    .string()
    .nullable()
    .describe('What the preview assumed and what would change the path (a wait.event, a profile update)'),
});
export type PreviewStep = z.infer<typeof previewStepSchema>;

export const journeyPreviewSchema = z.object({
  journeyId: z.string().uuid(),
  version: z.number().int().nullable().describe('The version previewed; null for the draft'),
  customerId: z.string().uuid(),
  timeZone: z.string().describe("The customer's time zone (the store's when they have none)"),
  startedAt: isoDateTime,
  triggerEvent: z
    .object({ type: z.string(), occurredAt: isoDateTime.nullable(), given: z.boolean() })
    .nullable()
    .describe(
      "The event the run would enter on: given in the request, or the customer's latest of that type",
    ),
  steps: z.array(previewStepSchema),
  end: z.object({
    status: z.enum(['completed', 'failed']),
    reason: z.string().nullable(),
  }),
  exitRules: z.array(z.string()).describe('Events that would end the run at once, at any point of the path'),
});
export type JourneyPreview = z.infer<typeof journeyPreviewSchema>;

export const journeyPreviewResponse = data(journeyPreviewSchema).meta({ title: 'JourneyPreviewAnswer' });

export const previewCustomerQuery = z.object({
  q: text(320)
    .trim()
    .min(2, 'type at least 2 characters of an email, a phone number or a customer id')
    .optional()
    .describe(
      'An email (or its beginning), a phone number, an external id or an id; without it, recent customers',
    ),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const previewCustomersResponse = data(z.array(customerSummarySchema)).meta({
  title: 'PreviewCustomers',
});
