/**
 * Reading a signed webhook body: JSON that PostgreSQL can store (no NUL or lone surrogate, not
 * nested too deep), or the reason it is not. A reason means the delivery can never be processed.
 */
import { findJsonProblem } from '../http/clean-json';

export type ReadPayload = { ok: true; value: unknown } | { ok: false; reason: string };

export function readJsonPayload(rawBody: Buffer): ReadPayload {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `The body is not valid JSON: ${(error as Error).message}` };
  }
  const problem = findJsonProblem(value);
  return problem ? { ok: false, reason: problem.message } : { ok: true, value };
}

/** The reason for a form field or name PostgreSQL cannot store, or null. */
export function formProblem(fields: Record<string, string | string[]>): string | null {
  return findJsonProblem(fields)?.message ?? null;
}
