/**
 * Deciding conditions in memory against an event's properties (trigger filters and exit rules
 * that read only the event), and describing any condition in words for timelines and the canvas.
 */
import type { ComparisonOp, Condition } from './condition.schema';
import { describeDuration } from './duration';
import { readPath } from './read-path';

export function evaluateOnProperties(condition: Condition, properties: Record<string, unknown>): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateOnProperties(c, properties));
  if ('any' in condition) return condition.any.some((c) => evaluateOnProperties(c, properties));
  if ('not' in condition) return !evaluateOnProperties(condition.not, properties);
  if ('property' in condition)
    return compare(readPath(properties, condition.property), condition.op, condition.value);
  throw new Error('only event-property conditions can be decided without the database');
}

/**
 * Whether an event ends a `wait.event`: its type, the filter on its properties, and with
 * `thisRun` only an event naming that run (`properties.runId`), such as a click on one of the
 * run's own messages rather than another run's with the same node id.
 */
export function matchesWaitEvent(
  wait: { event: string; filter?: Condition; thisRun?: boolean },
  event: { type: string; properties: Record<string, unknown> },
  runId: string,
): boolean {
  return (
    event.type === wait.event &&
    (!wait.thisRun || event.properties.runId === runId) &&
    (!wait.filter || evaluateOnProperties(wait.filter, event.properties))
  );
}

export function compare(actual: unknown, op: ComparisonOp, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'eq':
      return equal(actual, expected);
    case 'neq':
      return !equal(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => equal(actual, e));
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => equal(a, expected));
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.toLowerCase().includes(expected.toLowerCase())
      );
    default: {
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (a === null || b === null) return false;
      return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
    }
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x !== null && x === y;
  }
  return a === b || (a == null && b == null);
}

/** Shopify sends money as strings ("19.90"); numeric comparisons accept both. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

const OP_WORDS: Record<ComparisonOp, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  in: 'is one of',
  exists: 'is set',
  not_exists: 'is not set',
};

const COUNT_WORDS = {
  eq: 'exactly',
  neq: 'not exactly',
  gt: 'more than',
  gte: 'at least',
  lt: 'fewer than',
  lte: 'at most',
};

/** "orders_count is at least 2", "did order.placed at least 1 time within 30 days". */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`;
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  if ('segment' in condition) return `in segment ${condition.segment}`;
  if ('did' in condition) {
    const count = condition.count ?? { op: 'gte', value: 1 };
    const where = condition.where
      ? ` where ${Object.entries(condition.where)
          .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
          .join(', ')}`
      : '';
    const filter = condition.filter ? ` where ${describeCondition(condition.filter)}` : '';
    const run = condition.thisRun ? ' in this run' : '';
    const within = condition.within ? ` within ${describeDuration(condition.within)}` : '';
    return `did ${condition.did}${where}${filter}${run} ${COUNT_WORDS[count.op]} ${count.value} time${count.value === 1 ? '' : 's'}${within}`;
  }
  const subject = 'attribute' in condition ? condition.attribute : `event ${condition.property}`;
  const value =
    condition.op === 'exists' || condition.op === 'not_exists' ? '' : ` ${JSON.stringify(condition.value)}`;
  return `${subject} ${OP_WORDS[condition.op]}${value}`;
}
