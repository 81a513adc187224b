/**
 * What a handler answers, declared with the contract's schemas so `/openapi.json` says exactly
 * that: `@Answers(200, journeyList)` for the success body, `@Fails(400, 404)` for the errors.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { errorBodySchema } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';
import type { z } from 'zod';

// Named ErrorBody: the component every error response points at.
class ErrorBody extends createZodDto(errorBodySchema) {}

const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request is not valid (the message names the problem)',
  401: 'Not signed in, or the credentials are wrong',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'The content type is not accepted',
  422: 'Understood but refused (the message names the field)',
  429: 'Too many attempts (Retry-After says when to try again)',
  503: 'A dependency is down (Retry-After says when to try again)',
};

type Dto = ReturnType<typeof createZodDto>;
const dtoCache = new WeakMap<z.ZodType, Dto>();

/** Every response body schema by the name of its DTO (openapi-document.ts repairs their roots). */
export const answeredSchemas = new Map<string, z.ZodType>();

/** A DTO class for a schema, named after the schema's `meta({id})` when it has one. */
function dtoOf(schema: z.ZodType, fallbackName: string): Dto {
  let dto = dtoCache.get(schema);
  if (!dto) {
    dto = createZodDto(schema);
    Object.defineProperty(dto, 'name', { value: fallbackName });
    dtoCache.set(schema, dto);
    answeredSchemas.set(fallbackName, schema);
  }
  return dto;
}

/** The success answer: its status and body schema (omit the schema for an empty body). */
export function Answers(status: number, schema?: z.ZodType, description = 'OK', name?: string) {
  if (!schema) return ApiResponse({ status, description });
  const dto = dtoOf(schema, name ?? schemaName(schema));
  return ApiResponse({ status, description, type: (dto as unknown as { Output: new () => unknown }).Output });
}

/** The error answers a handler may give besides the access ones (401/403, added from its roles). */
export function Fails(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_MEANINGS[status] ?? 'Error', type: ErrorBody }),
    ),
  );
}

let anonymous = 0;
/** The schema's `meta({title})` (response bodies are named so), else a numbered name. */
function schemaName(schema: z.ZodType): string {
  const title = (schema as unknown as { meta?: () => { title?: string } | undefined }).meta?.()?.title;
  anonymous += 1;
  return title ?? `Body${anonymous}`;
}
