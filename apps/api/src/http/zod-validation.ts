/**
 * Request validation at the edge, for every route: nestjs-zod's pipe parses each `@Body()`,
 * `@Query()` and `@Param()` typed with a contract DTO, and a failure becomes our one error shape
 * (400 `invalid_request`, naming the part of the request and every issue with its path).
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { createZodValidationPipe, ZodValidationException } from 'nestjs-zod';
import { ApiError } from '../errors/api-error';

const PART: Record<string, string> = { body: 'body', query: 'query', param: 'path' };

/** 400 naming every issue: `The request body is not valid: name: Too small: …`. */
export function invalidRequest(error: unknown, part = 'body'): ApiError {
  const zodIssues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
  const issues = zodIssues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return ApiError.badRequest('invalid_request', `The request ${part} is not valid: ${summary}`, { issues });
}

const ZodPipe = createZodValidationPipe();

@Injectable()
export class ContractValidationPipe implements PipeTransform {
  private readonly inner = new ZodPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    try {
      return this.inner.transform(value, metadata);
    } catch (error) {
      if (error instanceof ZodValidationException)
        throw invalidRequest(error.getZodError(), PART[metadata.type] ?? metadata.type);
      throw error;
    }
  }
}
