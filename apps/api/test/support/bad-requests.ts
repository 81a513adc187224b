/**
 * Requests that break an operation's documented input, as fast-check arbitraries. Each starts
 * from a well-formed call (valid-request.ts) and breaks one thing: the body (wrong types, missing
 * required fields, NUL and lone surrogates in strings and keys, very long strings, nesting
 * thousands of levels deep, huge arrays, invalid JSON, a wrong content type), a path parameter
 * (not a UUID, percent-encoded garbage) or the query. Where "breaks the schema" depends on the
 * schema, the candidate is checked against it first (ajv), so nothing valid is sent by mistake.
 * NUL, lone surrogates and nesting deeper than the limit are refused whatever the schema says.
 *
 * Every body stays under the API's 1 MB body limit: what is tested is the handling of the
 * input, not the body parser's size check.
 */
import fc from 'fast-check';
import { LIMITS } from '@waypoint/contract';
import type { RawRequest } from './api-answers';
import { isJsonMediaType, type JsonSchema, type Parameter, type SchemaValidator } from './openapi-operations';
import { toRawRequest, type ValidRequest } from './valid-request';

export interface BadRequest {
  /** What was broken, for the failure message. */
  what: string;
  request: RawRequest;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonPath = Array<string | number>;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Characters PostgreSQL refuses in text: NUL and UTF-16 surrogates without their pair. */
export const UNSTORABLE = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'];

/** Bodies no JSON parser accepts. */
export const INVALID_JSON = [
  '{',
  '{"a":',
  '{"a":1',
  '{"a":1}}',
  "{'a':1}",
  '{"a":01}',
  '{"a":undefined}',
  '[1,2',
  'NaN',
  '"unterminated',
  '{"a":"\\x41"}',
  '{"a":"\\ud800',
  '\u0000',
  '{"a" 1}',
];

/** Ids that are no UUID, and percent-encodings that decode to nothing storable or to nothing. */
const PATH_GARBAGE: Array<{ raw: string; decoded: string | null }> = [
  ...[
    'not-a-uuid',
    '12345',
    '-1',
    '00000000-0000-0000-0000-00000000000g',
    '6f1c2e9e-8f1d-4c1a-9e1a-0b9b1c2d3e4f-extra',
    "1' OR '1'='1",
    '{id}',
    '../../etc/passwd',
    'x'.repeat(201),
    'x'.repeat(5_000),
  ].map((decoded) => ({ raw: encodeURIComponent(decoded), decoded })),
  { raw: '%2F..', decoded: '/..' },
  { raw: '%2F..%2F..%2Fhealth', decoded: '/../../health' },
  { raw: '%00', decoded: '\u0000' },
  { raw: 'a%00b', decoded: 'a\u0000b' },
  // Undecodable: a truncated sequence, an encoded lone surrogate (CESU-8), stray and overlong bytes.
  { raw: '%E0%A4%A', decoded: null },
  { raw: '%ED%A0%80', decoded: null },
  { raw: '%FF', decoded: null },
  { raw: '%C0%AF', decoded: null },
  { raw: '%', decoded: null },
  { raw: '%zz', decoded: null },
];

const QUERY_GARBAGE = [
  'abc',
  '-1',
  '1.5',
  '1e400',
  '9'.repeat(30),
  'NaN',
  'Infinity',
  '%00',
  '1%002',
  '%E0%A4%A',
];

const WRONG_TYPES: Json[] = [0, -1, 1.5, 'text', true, false, null, {}, [], [null], { x: 1 }, [[[]]]];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  null,
];

export interface BadRequestContext {
  valid: ValidRequest;
  auth: Record<string, string>;
  validator: SchemaValidator;
}

/** Every way this operation's input is broken here; at least the query and, for writes, the body. */
export function badRequests(ctx: BadRequestContext): fc.Arbitrary<BadRequest> {
  // Weighted towards what the operation itself reads; the query check is the same everywhere.
  const kinds: Array<{ arbitrary: fc.Arbitrary<BadRequest>; weight: number }> = [
    { arbitrary: unstorableQuery(ctx), weight: 1 },
  ];
  const add = (arbitrary: fc.Arbitrary<BadRequest> | undefined, weight: number) => {
    if (arbitrary) kinds.push({ arbitrary, weight });
  };
  add(badPathParameters(ctx), 3);
  add(badQueryParameters(ctx), 3);
  if (BODY_METHODS.has(ctx.valid.op.method)) {
    add(globallyBadBodies(ctx), 2);
    add(schemaBreakingBodies(ctx), 6);
  }
  return fc.oneof(...kinds);
}

function raw(ctx: BadRequestContext, overrides: Parameters<typeof toRawRequest>[2]): RawRequest {
  return toRawRequest(ctx.valid, ctx.auth, overrides);
}

/** A NUL in a query value or key: refused on every route, whatever it reads. */
function unstorableQuery(ctx: BadRequestContext): fc.Arbitrary<BadRequest> {
  const base = new URLSearchParams(ctx.valid.query).toString();
  return fc.constantFrom('x=%00', '%00=1', 'q=a%00b', 'x%00y=z').map((extra) => ({
    what: `query ?${extra}`,
    request: raw(ctx, { rawQuery: base ? `${base}&${extra}` : extra }),
  }));
}

function badPathParameters(ctx: BadRequestContext): fc.Arbitrary<BadRequest> | undefined {
  const names = Object.keys(ctx.valid.pathValues);
  if (names.length === 0) return undefined;
  const candidates: Array<{ name: string; raw: string }> = [];
  for (const name of names) {
    const documented = ctx.valid.op.parameters.find((p) => p.in === 'path' && p.name === name);
    for (const garbage of PATH_GARBAGE) {
      const breaks =
        garbage.decoded === null ||
        hasUnstorable(garbage.decoded) ||
        !documented ||
        !ctx.validator.isValid(documented.schema, garbage.decoded);
      // A value the documented schema accepts is no bad input (a product id may be any text).
      if (breaks && (documented || garbage.decoded === null || hasUnstorable(garbage.decoded)))
        candidates.push({ name, raw: garbage.raw });
    }
  }
  if (candidates.length === 0) return undefined;
  return fc.constantFrom(...candidates).map(({ name, raw: value }) => ({
    what: `path {${name}} = ${value.slice(0, 60)}`,
    request: raw(ctx, { rawPathValues: { [name]: value } }),
  }));
}

function badQueryParameters(ctx: BadRequestContext): fc.Arbitrary<BadRequest> | undefined {
  const candidates: string[] = [];
  for (const parameter of ctx.valid.op.parameters.filter((p) => p.in === 'query')) {
    const others = Object.entries(ctx.valid.query).filter(([name]) => name !== parameter.name);
    const prefix = new URLSearchParams(others).toString();
    const join = (part: string) => (prefix ? `${prefix}&${part}` : part);
    const key = encodeURIComponent(parameter.name);
    for (const value of QUERY_GARBAGE)
      if (!queryValueIsValid(ctx.validator, parameter, value)) candidates.push(join(`${key}=${value}`));
    if (!schemaTypes(parameter.schema).includes('array')) candidates.push(join(`${key}=1&${key}=2`));
  }
  if (candidates.length === 0) return undefined;
  return fc.constantFrom(...candidates).map((query) => ({
    what: `query ?${query.slice(0, 80)}`,
    request: raw(ctx, { rawQuery: query }),
  }));
}

/** A query value as the API reads it: decoded, numbers coerced (`Number(value)`). */
function queryValueIsValid(validator: SchemaValidator, parameter: Parameter, encoded: string): boolean {
  let value: string;
  try {
    value = decodeURIComponent(encoded);
  } catch {
    return false;
  }
  if (hasUnstorable(value)) return false;
  const schema = validator.resolve(parameter.schema);
  const types = schemaTypes(schema);
  if (types.includes('integer') || types.includes('number')) {
    const number = Number(value);
    return Number.isFinite(number) && validator.isValid(schema, number);
  }
  if (types.includes('boolean')) return value === 'true' || value === 'false';
  return validator.isValid(schema, value);
}

/** Bodies every route refuses, whether or not it reads one: not JSON, too deep, unstorable text. */
function globallyBadBodies(ctx: BadRequestContext): fc.Arbitrary<BadRequest> {
  const json = (what: string, body: string | Buffer) => ({
    what,
    request: raw(ctx, { body, contentType: 'application/json' }),
  });
  return fc.oneof(
    fc.constantFrom(...INVALID_JSON).map((body) => json(`invalid JSON ${JSON.stringify(body)}`, body)),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .filter((bytes) => !isJsonText(Buffer.from(bytes)))
      .map((bytes) => json('random bytes as JSON', Buffer.from(bytes))),
    fc
      .tuple(fc.integer({ min: LIMITS.jsonDepth + 1, max: 5_000 }), fc.boolean())
      .map(([depth, arrays]) => json(`JSON nested ${depth} levels deep`, nested(depth, arrays, '1'))),
    fc
      .tuple(fc.constantFrom(...UNSTORABLE), fc.boolean())
      .map(([char, inKey]) =>
        json(
          `${describeChar(char)} in a ${inKey ? 'key' : 'string'}`,
          JSON.stringify(inKey ? { [`k${char}`]: 1 } : { text: `a${char}b` }),
        ),
      ),
  );
}

/** Bodies that break this operation's documented body schema, one site at a time. */
function schemaBreakingBodies(ctx: BadRequestContext): fc.Arbitrary<BadRequest> | undefined {
  const body = ctx.valid.body;
  if (!body || !isJsonMediaType(body.mediaType)) return undefined;
  const example = body.value as Json;
  const invalid = (value: Json) => !ctx.validator.isValid(body.schema, value);
  const send = (what: string, text: string, contentType: string | null = body.mediaType) => ({
    what,
    request: raw(ctx, { body: text, contentType }),
  });
  const sites = pathsOf(example);
  const strings = sites.filter((path) => typeof get(example, path) === 'string');
  const objects = sites.filter((path) => isObject(get(example, path)));

  const wrongTypes: Array<{ path: JsonPath; value: Json }> = [];
  const removable: JsonPath[] = [];
  const tooLong: Array<{ path: JsonPath; length: number }> = [];
  const huge: Array<{ path: JsonPath; items: Json }> = [];
  for (const path of sites) {
    for (const value of WRONG_TYPES) if (invalid(set(example, path, value))) wrongTypes.push({ path, value });
    if (path.length > 0 && typeof path.at(-1) === 'string' && invalid(remove(example, path)))
      removable.push(path);
    for (const items of [1, 'x', {}] as Json[]) {
      // Checked with a shorter array: an array that breaks maxItems at 2,001 breaks it at 60,000.
      if (invalid(set(example, path, Array(2_001).fill(items)))) huge.push({ path, items });
    }
  }
  for (const path of strings)
    for (const length of [201, 1_001, 10_001, 100_001, 400_000])
      if (invalid(set(example, path, 'x'.repeat(length)))) tooLong.push({ path, length });

  const kinds: Array<fc.Arbitrary<BadRequest>> = [
    fc
      .tuple(fc.constantFrom(...sites), fc.integer({ min: LIMITS.jsonDepth + 1, max: 5_000 }), fc.boolean())
      .map(([path, depth, arrays]) =>
        send(`${show(path)} nested ${depth} levels deep`, withRaw(example, path, nested(depth, arrays, '1'))),
      ),
  ];
  if (wrongTypes.length > 0)
    kinds.push(
      fc
        .constantFrom(...wrongTypes)
        .map(({ path, value }) =>
          send(
            `${show(path)} = ${JSON.stringify(value)} (wrong type)`,
            JSON.stringify(set(example, path, value)),
          ),
        ),
    );
  if (removable.length > 0)
    kinds.push(
      fc
        .constantFrom(...removable)
        .map((path) => send(`${show(path)} missing`, JSON.stringify(remove(example, path)))),
    );
  if (tooLong.length > 0)
    kinds.push(
      fc
        .constantFrom(...tooLong)
        .map(({ path, length }) =>
          send(
            `${show(path)} ${length} characters long`,
            JSON.stringify(set(example, path, 'x'.repeat(length))),
          ),
        ),
    );
  if (huge.length > 0)
    kinds.push(
      fc
        .tuple(fc.constantFrom(...huge), fc.integer({ min: 2_001, max: 60_000 }))
        .map(([{ path, items }, count]) =>
          send(
            `${show(path)} an array of ${count} × ${JSON.stringify(items)}`,
            JSON.stringify(set(example, path, Array(count).fill(items))),
          ),
        ),
    );
  if (strings.length > 0)
    kinds.push(
      fc
        .tuple(fc.constantFrom(...strings), fc.constantFrom(...UNSTORABLE), fc.nat())
        .map(([path, char, at]) => {
          const text = get(example, path) as string;
          const cut = at % (text.length + 1);
          return send(
            `${describeChar(char)} in ${show(path)}`,
            JSON.stringify(set(example, path, `${text.slice(0, cut)}${char}${text.slice(cut)}`)),
          );
        }),
    );
  if (objects.length > 0)
    kinds.push(
      fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...UNSTORABLE)).map(([path, char]) => {
        const target = { ...(get(example, path) as Record<string, Json>), [`key${char}`]: 'value' };
        return send(
          `${describeChar(char)} in a key of ${show(path)}`,
          JSON.stringify(set(example, path, target)),
        );
      }),
    );
  if (ctx.valid.op.requestBody?.required)
    kinds.push(
      fc
        .constantFrom(...WRONG_CONTENT_TYPES)
        .map((type) => send(`content type ${type ?? '(none)'}`, JSON.stringify(example), type)),
    );
  return fc.oneof(...kinds);
}

export function nested(depth: number, arrays: boolean, leaf: string): string {
  return arrays
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

export function hasUnstorable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export function describeChar(char: string): string {
  return char === '\u0000' ? 'NUL' : `lone surrogate U+${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

function isJsonText(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function schemaTypes(schema: JsonSchema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

const isObject = (value: unknown): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The root and every property and item inside it. */
function pathsOf(value: Json, at: JsonPath = []): JsonPath[] {
  const paths = [at];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...at, i])));
  else if (isObject(value))
    for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...at, key]));
  return paths;
}

function get(value: Json, path: JsonPath): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], value);
}

/** A copy with the value at `path` replaced. */
function set(value: Json, path: JsonPath, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<
    string | number,
    Json
  >;
  copy[head] = set(copy[head], rest, replacement);
  return copy as Json;
}

function remove(value: Json, path: JsonPath): Json {
  const parent = get(value, path.slice(0, -1)) as Record<string, Json>;
  const { [path.at(-1) as string]: _removed, ...rest } = parent;
  return set(value, path.slice(0, -1), rest);
}

/** JSON text with raw JSON text at `path` (for nesting JSON.stringify would recurse through). */
function withRaw(value: Json, path: JsonPath, rawJson: string): string {
  const marker = `__raw_${Math.random().toString(36).slice(2)}__`;
  return JSON.stringify(set(value, path, marker)).replace(JSON.stringify(marker), rawJson);
}

function show(path: JsonPath): string {
  return path.length === 0 ? 'the body' : `body.${path.join('.')}`;
}
