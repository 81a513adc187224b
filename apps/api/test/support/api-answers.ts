/**
 * Sending a request exactly as built (raw bytes, any content type, percent-encoding untouched)
 * and judging the answer against the document: a status it lists for the operation, a body of
 * the documented media type that validates against the documented schema, and for errors the one
 * error shape `{error: {code, message}}` with both non-empty.
 */
import {
  documentedResponse,
  isJsonMediaType,
  jsonSchemaOf,
  type Operation,
  type SchemaValidator,
} from './openapi-operations';

export interface RawRequest {
  method: string;
  /** Path and query, already encoded: sent as is. */
  target: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json?: unknown;
}

export async function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([, value]) => value !== ''));
  const res = await fetch(`${baseUrl}${request.target}`, {
    method: request.method,
    headers,
    body: request.body,
    redirect: 'manual',
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let json: unknown;
  if (isJsonMediaType(contentType)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, contentType, text, json };
}

/** Problems with an answer judged by the document (empty when it keeps the contract). */
export function contractProblems(op: Operation, answer: RawAnswer, validator: SchemaValidator): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const documented = documentedResponse(op, answer.status);
  if (!documented) {
    const listed = Object.keys(op.responses).join(', ');
    return [
      ...problems,
      `answered ${answer.status}, which it does not document (it lists ${listed}): ${answer.text.slice(0, 300)}`,
    ];
  }
  const schema = jsonSchemaOf(documented.content);
  if (!documented.content) {
    if (answer.text.trim() !== '')
      problems.push(
        `answered ${answer.status} with a body, but documents none: ${answer.text.slice(0, 200)}`,
      );
  } else if (schema) {
    if (answer.json === undefined) {
      problems.push(
        `answered ${answer.status} with ${answer.contentType || 'no content type'}, not the documented JSON: ${answer.text.slice(0, 200)}`,
      );
    } else {
      const off = validator.problems(schema, answer.json);
      if (off)
        problems.push(
          `answered ${answer.status} with a body off its schema: ${off}; body ${answer.text.slice(0, 400)}`,
        );
    }
  } else {
    const mediaTypes = Object.keys(documented.content);
    const given = answer.contentType.split(';')[0].trim().toLowerCase();
    if (!mediaTypes.some((type) => type.toLowerCase() === given))
      problems.push(
        `answered ${answer.status} as ${given || 'nothing'}, but documents ${mediaTypes.join(' or ')}`,
      );
  }
  if (answer.status >= 400 && schema) problems.push(...errorShapeProblems(answer));
  return problems;
}

/** The error shape every refusal has: `{error: {code, message}}`, both non-empty strings. */
export function errorShapeProblems(answer: RawAnswer): string[] {
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  if (error && filled(error.code) && filled(error.message)) return [];
  return [
    `answered ${answer.status} without {error: {code, message}} (${answer.contentType || 'no content type'}): ${answer.text.slice(0, 300)}`,
  ];
}

/** The error code of an answer, when it has one. */
export function errorCodeOf(answer: RawAnswer): string | undefined {
  const code = (answer.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}
