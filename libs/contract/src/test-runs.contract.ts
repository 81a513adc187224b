/**
 * Test profiles and test runs (docs/product.md, "Test runs"): a signed-in person's own test
 * customer, and a real run of a journey's draft (or a published version) for a test profile,
 * its waits shortened, marked `test` everywhere and never counted.
 */
import { journeyDefinitionSchema } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, text } from './http';
import { journeyIdParams } from './journeys.contract';
import { runSchema } from './runs.contract';

/** One of the store's internal test profiles (a customer marked `test`). */
export const testProfileSchema = z
  .object({
    id: z.string().uuid().describe('The customer id, for POST /v1/journeys/{id}/test-runs'),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    firstName: z.string().nullable(),
    person: z
      .object({ id: z.string().uuid(), name: z.string() })
      .nullable()
      .describe('The person whose own address and phone it has'),
    mine: z.boolean().describe("The signed-in person's own profile"),
    test: z.literal(true),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'TestProfile' });
export type TestProfile = z.infer<typeof testProfileSchema>;

/** How the waits are shortened: every wait at most N seconds, or divided by a factor. */
export const testWaitsSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('fixed'),
    seconds: z.number().int().min(1).max(3600).describe('Every wait ends after at most this many seconds'),
  }),
  z.strictObject({
    mode: z.literal('factor'),
    factor: z.number().int().min(2).max(1_000_000).describe('Every wait lasts its length divided by this'),
  }),
]);

export const startTestRunBody = z
  .strictObject({
    customerId: z
      .string()
      .uuid()
      .describe('A test profile (GET /v1/test-profiles); any other customer is 422'),
    version: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('A published version to run; the draft when absent'),
    waits: testWaitsSchema.optional().describe('Default: every wait at most 10 seconds'),
  })
  .meta({ title: 'StartTestRun' });
export type StartTestRun = z.infer<typeof startTestRunBody>;

export const startTestRunParams = journeyIdParams;

/** A test run just started: follow it at GET /v1/runs/{id}. */
export const testRunSchema = z
  .object({
    id: z.string().uuid().describe('The run id'),
    journeyId: z.string().uuid(),
    version: z
      .number()
      .int()
      .describe('The version it runs: a published one, or the negative number of a draft snapshot'),
    source: z.enum(['draft', 'version']),
    customerId: z.string().uuid(),
    waits: testWaitsSchema,
    test: z.literal(true),
  })
  .meta({ title: 'TestRun' });
export type TestRun = z.infer<typeof testRunSchema>;

/** Anything that is not a test run's id (UUID or not) is answered 404. */
export const testRunIdParams = z.object({ id: text(200).min(1).describe('Run id of a test run') });

/**
 * A test run with the graph it runs (the draft snapshot or the version) and its timeline, for
 * following it on the canvas (marketers may not read GET /v1/runs/{id}: that is support's).
 */
export const testRunDetailSchema = testRunSchema
  .extend({
    startedAt: isoDateTime,
    startedBy: z.object({ id: z.string().uuid(), name: z.string() }),
    definition: journeyDefinitionSchema.describe('The graph the run pinned'),
    run: runSchema.describe('Its timeline, as GET /v1/runs/{id} answers it'),
  })
  .meta({ title: 'TestRunDetail' });
export type TestRunDetail = z.infer<typeof testRunDetailSchema>;

export const testProfileResponse = data(testProfileSchema).meta({ title: 'TestProfileAnswer' });
export const testProfileListResponse = data(z.array(testProfileSchema)).meta({ title: 'TestProfiles' });
export const testRunResponse = data(testRunSchema).meta({ title: 'TestRunAnswer' });
export const testRunDetailResponse = data(testRunDetailSchema).meta({ title: 'TestRunDetailAnswer' });
