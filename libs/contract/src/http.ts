/**
 * The shapes every route shares: the error body, the `{data}` envelope, paging, ids and the text
 * rules that keep what PostgreSQL refuses (NUL, lone surrogates) out of the database.
 * docs/api.md lists the limits.
 */
import { z } from 'zod';

/** Limits every request is held to; docs/api.md lists them. */
export const LIMITS = {
  /** Longest string in a request unless its field says otherwise. */
  textLength: 10_000,
  /** Longest name-like field (names, emails, keys). */
  nameLength: 200,
  /** Event types, e.g. `order.placed`. */
  eventTypeLength: 100,
  /** Deepest nesting of objects and arrays in any JSON body. */
  jsonDepth: 32,
  /** Properties in one event's `properties`, counted at every level. */
  eventProperties: 500,
  /** Events in one batch request. */
  batchEvents: 1_000,
  /** Page size ceiling for lists. */
  pageSize: 500,
} as const;

/** Error codes the API answers with, so clients branch on names, not on messages. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'invalid_text',
  'too_deep',
  'body_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
  'conflict',
  'not_signed_in',
  'invalid_session',
  'session_expired',
  'session_revoked',
  'user_disabled',
  'invalid_credentials',
  'missing_api_key',
  'invalid_api_key',
  'session_required',
  'api_key_required',
  'forbidden',
  'csrf_header_missing',
  'too_many_attempts',
  'email_taken',
  'last_admin',
  'invalid_signature',
  'invalid_condition',
  'invalid_journey',
  'invalid_template',
  'service_unavailable',
  'database_unavailable',
  'temporal_unavailable',
  'internal',
  'invalid_setting',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('A stable name for the problem, e.g. `invalid_request`'),
      message: z.string().describe('What went wrong, in words a person can act on'),
      details: z.unknown().optional(),
    }),
  })
  .meta({ title: 'ErrorBody' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** True when the string holds a NUL or a UTF-16 surrogate without its pair. */
export function hasForbiddenCharacters(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** A string PostgreSQL can store: no NUL, no lone surrogate, at most `max` characters. */
export function text(max: number = LIMITS.textLength) {
  return z
    .string()
    .max(max)
    .refine(
      (value) => !hasForbiddenCharacters(value),
      'must not contain NUL or unpaired surrogate characters',
    );
}

/** A required, trimmed, non-empty name. */
export function name(max: number = LIMITS.nameLength) {
  return text(max).trim().min(1);
}

export const uuidSchema = z.string().uuid();
export const isoDateTime = z.iso.datetime({ offset: true });

/** `{id}` in a path, a UUID. */
export const idParams = z.object({ id: z.string().uuid() });

/** `?limit=&offset=` */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Every success body is `{data: …}`. */
export function data<T extends z.ZodType>(schema: T) {
  return z.object({ data: schema });
}

/** `{data: {ok: true}}` for actions with nothing else to say. */
export const okSchema = data(z.object({ ok: z.literal(true) }));
