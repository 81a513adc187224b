/**
 * How the API reads request bodies (one Fastify content-type parser for every type): JSON on every
 * route, up to BODY_LIMIT; the raw bytes of any type under /webhooks (signatures are computed over
 * the exact bytes); form-encoded bodies on the unsubscribe and survey pages (/u, /s), up to
 * FORM_LIMIT. Any other type of body is 415 `unsupported_media_type` (docs/api.md), except on those
 * pages, which ignore it (a one-click unsubscribe may come as multipart). gzip, deflate and br
 * bodies are inflated (the limit counts the inflated bytes).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

export const BODY_LIMIT = 1024 * 1024;
/** The unsubscribe and survey forms carry a few short fields. */
export const FORM_LIMIT = 16 * 1024;
const FORM_PARAMETER_LIMIT = 1000;

const FORM_PAGES = ['/u/', '/s/'];

export function readRequestBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage) =>
    readBody(request, payload),
  );
}

/** Which reading a request's body gets: by its route first, then by its declared type. */
type BodyKind =
  | { kind: 'raw' }
  | { kind: 'json' | 'form'; charset: string }
  | { kind: 'unread' }
  | { kind: 'unsupported'; type: string };

function bodyKindOf(request: FastifyRequest): BodyKind {
  const route = request.routeOptions.url ?? '';
  if (route.startsWith('/webhooks/')) return { kind: 'raw' };
  const { type, charset } = contentTypeOf(request.headers['content-type']);
  if (type === 'application/json') return { kind: 'json', charset };
  if (type === 'application/x-www-form-urlencoded' && FORM_PAGES.some((page) => route.startsWith(page)))
    return { kind: 'form', charset };
  // The form pages ignore other bodies; so does a path no route matches (its answer is 404 or 405).
  if (FORM_PAGES.some((page) => route.startsWith(page)) || !request.routeOptions.url)
    return { kind: 'unread' };
  return { kind: 'unsupported', type: type || '(none)' };
}

/** JSON is read in any UTF encoding, forms only in UTF-8. */
function readsCharset(body: { kind: 'json' | 'form'; charset: string }): boolean {
  return body.kind === 'json' ? body.charset.startsWith('utf-') : body.charset === 'utf-8';
}

async function readBody(request: FastifyRequest, payload: IncomingMessage): Promise<unknown> {
  const body = bodyKindOf(request);
  if (body.kind === 'raw') return readBytes(request, payload, BODY_LIMIT);
  if (body.kind === 'unread') {
    payload.resume();
    return undefined;
  }
  if (body.kind === 'unsupported') {
    // An empty body is no body, whatever its declared type.
    if ((await readBytes(request, payload, BODY_LIMIT)).length === 0) return undefined;
    throw new ApiError(
      415,
      'unsupported_media_type',
      `The body is ${body.type}: send JSON with "Content-Type: application/json"`,
    );
  }
  if (!readsCharset(body)) throw unsupported(`unsupported charset "${body.charset.toUpperCase()}"`);
  if (body.kind === 'json')
    return parseJson(decode(await readBytes(request, payload, BODY_LIMIT), body.charset));
  return parseForm((await readBytes(request, payload, FORM_LIMIT)).toString('utf8'));
}

/**
 * What a request declaring an empty body (`Content-Length: 0`) reads as: Fastify calls no parser
 * for it, while `{}` is the empty JSON or form body (a route whose fields are all optional takes it).
 */
export function emptyBodyOf(request: FastifyRequest): unknown {
  const body = bodyKindOf(request);
  if (body.kind === 'raw') return Buffer.alloc(0);
  if (body.kind === 'unread' || body.kind === 'unsupported' || !readsCharset(body)) return undefined;
  return {};
}

function contentTypeOf(header: string | undefined): { type: string; charset: string } {
  const [type = '', ...parameters] = (header ?? '').split(';');
  let charset = 'utf-8';
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=', 2).map((part) => part.trim());
    if (name?.toLowerCase() === 'charset' && value) charset = value.replace(/^"|"$/g, '').toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

function decode(bytes: Buffer, charset: string): string {
  if (charset === 'utf-8') {
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    throw unsupported(`unsupported charset "${charset.toUpperCase()}"`);
  }
}

/** Strict JSON: an object or an array (an empty body is `{}`). */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = text.trimStart()[0];
  if (first !== undefined && first !== '{' && first !== '[')
    throw invalidJson(`Unexpected token '${first}', a JSON body is an object or an array`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidJson((error as Error).message);
  }
}

function parseForm(text: string): Record<string, string | string[] | undefined> {
  let parameters = 1;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1))
    if (++parameters > FORM_PARAMETER_LIMIT) throw new ApiError(413, 'bad_request', 'too many parameters');
  return parseQueryString(text, undefined, undefined, { maxKeys: FORM_PARAMETER_LIMIT });
}

/** The body's bytes (inflated when it is compressed), refused past `limit`. */
function readBytes(request: FastifyRequest, payload: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = payload;
  if (encoding === 'identity') {
    if (Number(request.headers['content-length']) > limit) {
      payload.resume();
      return Promise.reject(tooLarge(limit));
    }
  } else if (encoding === 'gzip') stream = payload.pipe(createGunzip());
  else if (encoding === 'deflate') stream = payload.pipe(createInflate());
  else if (encoding === 'br') stream = payload.pipe(createBrotliDecompress());
  else {
    payload.resume();
    return Promise.reject(unsupported(`unsupported content encoding "${encoding}"`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (error: ApiError) => {
      stream.removeAllListeners('data');
      if (stream !== payload) payload.unpipe();
      payload.resume();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) stop(tooLarge(limit));
      else chunks.push(chunk);
    });
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)));
    stream.once('error', (error: Error) =>
      reject(ApiError.badRequest('bad_request', `The body could not be read: ${error.message}`)),
    );
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'body_too_large', `The body is larger than the ${limit} byte limit`);
}

function invalidJson(reason: string): ApiError {
  return ApiError.badRequest('invalid_json', `The body is not valid JSON: ${reason}`);
}

function unsupported(reason: string): ApiError {
  return new ApiError(
    415,
    'unsupported_media_type',
    `The body's charset or encoding is not one the API reads: ${reason}`,
  );
}
