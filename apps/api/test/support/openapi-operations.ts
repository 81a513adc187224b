/**
 * The operations `/openapi.json` describes, read into one flat list the contract and bad-input
 * tests walk: method, path, who may call it (`x-roles`), its parameters, request body and the
 * answers it documents. Also validation against the document's schemas (ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses it, formats included).
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** A media type (`application/json`, `text/html` …) and the schema of its content, if any. */
export type Content = Record<string, JsonSchema | undefined>;

export interface DocumentedResponse {
  description: string;
  /** Undefined when the answer has no body. */
  content?: Content;
}

export interface Operation {
  /** Upper case, e.g. `POST`. */
  method: string;
  /** As documented, e.g. `/v1/segments/{id}`. */
  path: string;
  operationId: string;
  /** `anyone`, `api_key`, or role names. */
  roles: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Content };
  /** Keyed by status (`200`) or range (`4XX`) or `default`. */
  responses: Record<string, DocumentedResponse>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** `METHOD /path`, how tests and messages name an operation. */
export const nameOf = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const raw = item[method] as Record<string, any> | undefined;
      if (!raw) continue;
      const parameters = [...shared, ...((raw.parameters as Parameter[] | undefined) ?? [])].map((p) =>
        resolveRef<Parameter>(document, p),
      );
      const body = raw.requestBody ? resolveRef<Record<string, any>>(document, raw.requestBody) : undefined;
      const responses: Record<string, DocumentedResponse> = {};
      for (const [status, response] of Object.entries((raw.responses ?? {}) as Record<string, unknown>)) {
        const resolved = resolveRef<Record<string, any>>(document, response);
        responses[status] = { description: resolved.description ?? '', content: contentOf(resolved.content) };
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: raw.operationId ?? `${method} ${path}`,
        roles: rolesOf(raw),
        parameters: parameters.map((p) => ({ ...p, required: p.required ?? false, schema: p.schema ?? {} })),
        requestBody: body
          ? { required: Boolean(body.required), content: contentOf(body.content) ?? {} }
          : undefined,
        responses,
      });
    }
  }
  return operations;
}

function contentOf(content: unknown): Content | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const result: Content = {};
  for (const [mediaType, media] of Object.entries(content as Record<string, { schema?: JsonSchema }>))
    result[mediaType] = media?.schema;
  return Object.keys(result).length > 0 ? result : undefined;
}

function resolveRef<T>(document: OpenApiDocument, value: unknown): T {
  let current = value as Record<string, unknown>;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops += 1) {
    current = pointer(document, current.$ref as string) as Record<string, unknown>;
  }
  return current as T;
}

function pointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, not ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

/** The documented answer for a status: exact, then its range (`4XX`), then `default`. */
export function documentedResponse(op: Operation, status: number): DocumentedResponse | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

/** The JSON schema of an answer's body, if it documents JSON. */
export function jsonSchemaOf(content: Content | undefined): JsonSchema | undefined {
  if (!content) return undefined;
  const mediaType = Object.keys(content).find(isJsonMediaType);
  return mediaType ? (content[mediaType] ?? {}) : undefined;
}

export const isJsonMediaType = (mediaType: string): boolean =>
  /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType.trim());

const DOCUMENT_ID = 'urn:waypoint:openapi';

/**
 * Validates values against the document's schemas. Schemas refer to one another as
 * `#/components/schemas/X`; they are registered once under one id so those references resolve
 * from any schema compiled here.
 */
export class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new WeakMap<JsonSchema, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    // strict: false: OpenAPI adds keywords JSON Schema does not know (example, discriminator …).
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: document.components?.schemas ?? {} } });
  }

  /** Undefined when valid, else ajv's errors in one line. */
  problems(schema: JsonSchema, value: unknown): string | undefined {
    const validate = this.validatorOf(schema);
    if (validate(value)) return undefined;
    return this.ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' });
  }

  isValid(schema: JsonSchema, value: unknown): boolean {
    return this.validatorOf(schema)(value) === true;
  }

  /** The schema a `$ref` points at (one hop), for walking schemas. */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops += 1) {
      const found = pointer(this.document, current.$ref) as JsonSchema | undefined;
      if (!found) throw new Error(`unresolvable $ref ${current.$ref}`);
      current = found;
    }
    return current;
  }

  private validatorOf(schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as JsonSchema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}

/** Points local references at the registered document, so a schema compiles on its own. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${DOCUMENT_ID}${value}`
        : rebase(value);
  }
  return result;
}

/**
 * Who may call an operation: a person's route lists its roles in `x-roles`; a public route says
 * `x-access: public` (anyone) and the event and profile API `x-access: api_key`.
 */
function rolesOf(raw: Record<string, unknown>): string[] {
  if (Array.isArray(raw['x-roles'])) return raw['x-roles'] as string[];
  if (raw['x-access'] === 'public') return ['anyone'];
  if (raw['x-access'] === 'api_key') return ['api_key'];
  return [];
}
