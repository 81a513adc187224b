/**
 * Request validation at the edge, for every route: nestjs-zod's pipe parses each `@Body()`,
 * `@Query()` and `@Param()` typed with a contract DTO, and a failure becomes our one error shape
 * (400 `invalid_request`, every issue named with its path).
 */
import type { PipeTransform } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error';

/** 400 naming every issue: `The request is not valid: name: Too small: expected string to have >=1 characters`. */
export function invalidRequest(error: z.ZodError | unknown): ApiError {
  const zodIssues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
  const issues = zodIssues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return ApiError.badRequest('invalid_request', `The request is not valid: ${summary}`, { issues });
}

export const ContractValidationPipe: new () => PipeTransform = createZodValidationPipe({
  createValidationException: invalidRequest,
});
