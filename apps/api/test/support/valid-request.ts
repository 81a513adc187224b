/**
 * A well-formed call of a documented operation: path parameters naming real resources (or a
 * well-formed unknown UUID), required query and header parameters, and a minimal valid body
 * made from the documented schema. The bad-input test starts from it and breaks one thing.
 */
import { pathValue, type ApiResources } from './api-callers';
import type { RawRequest } from './api-answers';
import { isJsonMediaType, type JsonSchema, type Operation, type SchemaValidator } from './openapi-operations';
import { exampleOf } from './schema-example';

export interface ValidRequest {
  op: Operation;
  pathValues: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body as a value, its media type and schema; undefined when none is sent. */
  body?: { mediaType: string; value: unknown; schema: JsonSchema };
}

export function validRequestFor(
  op: Operation,
  resources: ApiResources,
  validator: SchemaValidator,
): ValidRequest {
  const pathValues: Record<string, string> = {};
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters) {
    if (parameter.in === 'path')
      pathValues[parameter.name] = pathValue(op.path, parameter.name, resources).value;
    else if (parameter.required && parameter.in === 'query')
      query[parameter.name] = String(exampleOf(validator, parameter.schema));
    else if (parameter.required && parameter.in === 'header')
      headers[parameter.name] = String(exampleOf(validator, parameter.schema));
  }
  // Path parameters the document forgot are still filled, so the call reaches the handler.
  for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g))
    pathValues[name] ??= pathValue(op.path, name, resources).value;

  let body: ValidRequest['body'];
  if (op.requestBody?.required) {
    const mediaTypes = Object.keys(op.requestBody.content);
    const mediaType =
      mediaTypes.find(isJsonMediaType) ??
      mediaTypes.find((type) => type === 'application/x-www-form-urlencoded') ??
      mediaTypes[0];
    if (mediaType) {
      const schema = op.requestBody.content[mediaType] ?? {};
      body = { mediaType, schema, value: exampleOf(validator, schema) };
    }
  }
  return { op, pathValues, query, headers, body };
}

/** The request on the wire; `overrides` replace parts already encoded. */
export function toRawRequest(
  valid: ValidRequest,
  auth: Record<string, string>,
  overrides: {
    rawPathValues?: Record<string, string>;
    rawQuery?: string;
    body?: string | Buffer | null;
    contentType?: string | null;
  } = {},
): RawRequest {
  const target = valid.op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    overrides.rawPathValues?.[name] !== undefined
      ? overrides.rawPathValues[name]
      : encodeURIComponent(valid.pathValues[name]),
  );
  const query = overrides.rawQuery ?? new URLSearchParams(valid.query).toString();
  const headers: Record<string, string> = { ...auth, ...valid.headers };
  let body: string | Buffer | undefined;
  if (overrides.body !== undefined) body = overrides.body ?? undefined;
  else if (valid.body) body = encodeBody(valid.body.mediaType, valid.body.value);
  const contentType = overrides.contentType !== undefined ? overrides.contentType : valid.body?.mediaType;
  if (body !== undefined && contentType) headers['content-type'] = contentType;
  return { method: valid.op.method, target: query ? `${target}?${query}` : target, headers, body };
}

export function encodeBody(mediaType: string, value: unknown): string {
  if (isJsonMediaType(mediaType)) return JSON.stringify(value);
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields = Object.entries((value ?? {}) as Record<string, unknown>).map(
      ([key, field]): [string, string] => [key, typeof field === 'string' ? field : JSON.stringify(field)],
    );
    return new URLSearchParams(fields).toString();
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
