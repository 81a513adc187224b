/**
 * Decides conditions for one customer in one query, returning each verdict and the values behind
 * it (for the step's reason). Shared by branch nodes (the worker) and trigger filters (the API).
 */
import type { Condition } from '@waypoint/journey';
import { ConditionCompiler, type ConditionContext } from './condition-sql';

export type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface ConditionVerdict {
  holds: boolean;
  /** "orders count: 0", for each leaf the condition read. */
  values: Array<{ label: string; value: unknown }>;
}

export async function decideForCustomer(
  query: Query,
  customerId: string,
  conditions: Condition[],
  context: ConditionContext,
): Promise<ConditionVerdict[] | null> {
  if (conditions.length === 0) return [];
  const compiler = new ConditionCompiler(context);
  const id = compiler.param(customerId);
  const columns: string[] = [];
  const leafRanges: Array<[number, number]> = [];
  conditions.forEach((condition, i) => {
    const before = compiler.leaves.length;
    columns.push(`COALESCE(${compiler.compile(condition)}, false) AS "v${i}"`);
    leafRanges.push([before, compiler.leaves.length]);
  });
  compiler.leaves.forEach((leaf, j) => columns.push(`${leaf.sql} AS "l${j}"`));
  const rows = await query(
    `SELECT ${columns.join(', ')} FROM customers c WHERE c.id = ${id}`,
    compiler.params,
  );
  const row = rows[0];
  if (!row) return null;
  return conditions.map((_, i) => ({
    holds: row[`v${i}`] === true,
    values: compiler.leaves
      .slice(leafRanges[i][0], leafRanges[i][1])
      .map((leaf, k) => ({ label: leaf.label, value: normalise(row[`l${leafRanges[i][0] + k}`]) })),
  }));
}

function normalise(value: unknown): unknown {
  // count(*) arrives as a string from pg (bigint).
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}
