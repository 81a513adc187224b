/**
 * One check on every parsed JSON body and query string before any handler: nesting no deeper than
 * LIMITS.jsonDepth, and no string or key that PostgreSQL would refuse (NUL, lone surrogates). The
 * walk is iterative, so a body nested thousands of levels deep is refused, not a stack overflow.
 */
import { hasForbiddenCharacters, LIMITS } from '@waypoint/contract';
import { ApiError } from '../errors/api-error';

export function findJsonProblem(
  value: unknown,
  maxDepth: number = LIMITS.jsonDepth,
  what = 'The body',
): ApiError | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (hasForbiddenCharacters(current))
        return ApiError.badRequest(
          'invalid_text',
          `${path || what} contains a NUL or an unpaired surrogate character, which cannot be stored`,
        );
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth)
      return ApiError.badRequest('too_deep', `${path || what} is nested deeper than ${maxDepth} levels`);
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasForbiddenCharacters(key))
        return ApiError.badRequest(
          'invalid_text',
          `A key under ${path || what.toLowerCase()} contains a NUL or an unpaired surrogate character`,
        );
      stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return null;
}

/**
 * A query string that is not valid percent-encoded UTF-8 (`?q=%E0%A4%A`): the query parser would pass the
 * undecodable text on as it is, so it is refused here instead.
 */
export function queryEncodingProblem(url: string): ApiError | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const part of url.slice(start + 1).split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return ApiError.badRequest('invalid_request', 'The query string is not valid percent-encoded UTF-8');
    }
  }
  return null;
}
