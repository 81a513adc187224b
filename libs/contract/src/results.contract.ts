/** A journey's results for a date range (docs/product.md, "Results"; docs/api.md). */
import { RUN_STATUSES } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime } from './http';

export const RESULTS_DEFAULT_DAYS = 30;
/** The longest range one request may ask for, in days (both ends included). */
export const RESULTS_MAX_DAYS = 366;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'a real calendar date',
  );

export const journeyResultsQuery = z.object({
  from: day.optional().describe("First day (store's time zone), included; default: 29 days before `to`"),
  to: day.optional().describe("Last day (store's time zone), included; default: today"),
});
export type JourneyResultsQuery = z.infer<typeof journeyResultsQuery>;

export const resultsDaySchema = z.object({
  day: z.string().describe("YYYY-MM-DD in the store's time zone"),
  entered: z.number().int().describe('Runs that started that day'),
  exited: z.number().int().describe('Runs that ended that day, whatever the reason'),
  conversions: z.number().int(),
  revenue: z.number().describe('Revenue of the conversions that day'),
});

export const resultsExitSchema = z.object({
  status: z.enum(RUN_STATUSES).describe('completed, exited (an exit rule), cancelled or failed'),
  reason: z.string().nullable().describe('For `exited`: the exit rule, e.g. `exit rule: order.placed`'),
  runs: z.number().int(),
});

export const resultsNodeSchema = z.object({
  nodeId: z.string(),
  entered: z.number().int().describe('Steps entered (each visit counts)'),
  failed: z.number().int().describe('Steps that failed'),
  sent: z.number().int().describe('Messages handed to the provider (or the sandbox)'),
  delivered: z.number().int().describe('Messages reported delivered (or opened, or clicked)'),
  opened: z.number().int().describe('Messages opened (email: or clicked)'),
  clicked: z.number().int().describe('Messages with a click (tracked link or provider)'),
  converted: z.number().int().describe('Conversions of runs that entered the node before converting'),
  revenue: z.number().describe('Revenue of those conversions'),
  deliveryRate: z.number().nullable().describe('delivered / sent'),
  openRate: z.number().nullable().describe('opened / delivered'),
  clickRate: z.number().nullable().describe('clicked / delivered'),
  conversionRate: z.number().nullable().describe('converted / entered'),
});
export type ResultsNode = z.infer<typeof resultsNodeSchema>;

export const journeyResultsSchema = z.object({
  journeyId: z.string().uuid(),
  from: z.string().describe('First day, YYYY-MM-DD'),
  to: z.string().describe('Last day, YYYY-MM-DD'),
  timeZone: z.string(),
  currency: z.string(),
  rolledUpTo: isoDateTime
    .nullable()
    .describe('Facts before this come from the rollup, later ones are counted live'),
  entered: z.number().int(),
  exited: z.number().int(),
  failed: z.number().int().describe('Runs that ended failed (a failed step included)'),
  conversions: z.number().int(),
  revenue: z.number(),
  conversionRate: z.number().nullable().describe('conversions / entered'),
  recipients: z.number().int().describe('Runs sent at least one message (counted on the day of their first)'),
  revenuePerRecipient: z.number().nullable().describe('revenue / recipients; null when nothing was sent'),
  days: z.array(resultsDaySchema).describe('Every day of the range, zero when nothing happened'),
  exits: z.array(resultsExitSchema),
  nodes: z.array(resultsNodeSchema).describe('Nodes with anything counted in the range'),
});
export type JourneyResults = z.infer<typeof journeyResultsSchema>;

export const journeyResultsResponse = data(journeyResultsSchema).meta({ title: 'JourneyResultsResponse' });
