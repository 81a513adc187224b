/**
 * The condition language shared by branches, trigger filters, exit rules and segments: profile and
 * computed attributes, the trigger event's properties, segment membership, and "has done event X
 * (with filter) N times within T". A JSON tree, so the editor can build it and the server can
 * compile it to SQL with bound parameters (libs/data) or evaluate the event-only parts in memory.
 */
import { z } from 'zod';

export const COMPARISON_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'in',
  'exists',
  'not_exists',
] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export const COUNT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export type CountOp = (typeof COUNT_OPS)[number];

const jsonValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);

/** A path is dot-separated identifiers: `attributes.vip`, `lineItems.0.sku`. */
const pathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'must be dot-separated names, e.g. "attributes.vip"');

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { attribute: string; op: ComparisonOp; value?: z.infer<typeof jsonValue> }
  | { property: string; op: ComparisonOp; value?: z.infer<typeof jsonValue> }
  | {
      did: string;
      where?: Record<string, string | number | boolean | null>;
      count?: { op: CountOp; value: number };
      within?: string;
      /** More about the event's properties than exact `where` values (e.g. a URL containing a word). */
      filter?: Condition;
      /** Only events naming the run at hand (`properties.runId`): its own messages' opens and clicks. */
      thisRun?: true;
    }
  | { segment: string };

export const conditionSchema: z.ZodType<Condition, Condition> = z
  .lazy(() =>
    z.union([
      z.object({ all: z.array(conditionSchema).min(1) }).strict(),
      z.object({ any: z.array(conditionSchema).min(1) }).strict(),
      z.object({ not: conditionSchema }).strict(),
      z.object({ attribute: pathSchema, op: z.enum(COMPARISON_OPS), value: jsonValue.optional() }).strict(),
      z.object({ property: pathSchema, op: z.enum(COMPARISON_OPS), value: jsonValue.optional() }).strict(),
      z
        .object({
          did: z.string().min(1),
          where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
          count: z.object({ op: z.enum(COUNT_OPS), value: z.number().int().min(0) }).optional(),
          within: z.string().optional(),
          filter: conditionSchema.optional(),
          thisRun: z.literal(true).optional(),
        })
        .strict(),
      z.object({ segment: z.string().min(1) }).strict(),
    ]),
  )
  .meta({ id: 'Condition' });

/** Whether a condition reads only the event's properties (so it can be decided without the database). */
export function isEventOnly(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(isEventOnly);
  if ('any' in condition) return condition.any.every(isEventOnly);
  if ('not' in condition) return isEventOnly(condition.not);
  return 'property' in condition;
}

/**
 * Whether a condition reads the run at hand (`thisRun`), which only a branch inside a run has:
 * segments, trigger filters, goals and exit rules are decided with no run.
 */
export function readsRun(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsRun);
  if ('any' in condition) return condition.any.some(readsRun);
  if ('not' in condition) return readsRun(condition.not);
  return 'did' in condition && condition.thisRun === true;
}

/** Every duration written inside a condition (`within`), for validation. */
export function durationsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(durationsIn);
  if ('any' in condition) return condition.any.flatMap(durationsIn);
  if ('not' in condition) return durationsIn(condition.not);
  if ('did' in condition)
    return [
      ...(condition.within ? [condition.within] : []),
      ...(condition.filter ? durationsIn(condition.filter) : []),
    ];
  return [];
}
