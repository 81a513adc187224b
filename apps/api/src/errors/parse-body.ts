/** Validates a request body (or query) against a zod schema at the edge: 400 with every issue named. */
import type { z } from 'zod';
import { ApiError } from './api-error';

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw ApiError.badRequest('invalid_request', `The request ${what} is not valid: ${summary}`, { issues });
}
