import { fastify, type FastifyInstance } from 'fastify';
import { gzipSync } from 'node:zlib';
import { toErrorBody } from '../errors/api-exception.filter';
import { BODY_LIMIT, emptyBodyOf, FORM_LIMIT, readRequestBodies } from './request-bodies';

/** A bare Fastify with the API's body reading; each route answers what it was given. */
function app(): FastifyInstance {
  const server = fastify({ bodyLimit: BODY_LIMIT });
  readRequestBodies(server);
  server.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.headers['content-length'] === '0')
      request.body = emptyBodyOf(request);
    done();
  });
  server.setErrorHandler((error, _request, reply) => {
    const { status, body } = toErrorBody(error);
    void reply.status(status).send(body);
  });
  const echo = (request: { body: unknown }) => ({
    kind: Buffer.isBuffer(request.body) ? 'bytes' : request.body === undefined ? 'none' : 'parsed',
    body: Buffer.isBuffer(request.body) ? request.body.toString('utf8') : request.body,
  });
  server.post('/v1/things', async (request) => echo(request));
  server.post('/webhooks/shopify', async (request) => echo(request));
  server.post('/u/:token', async (request) => echo(request));
  return server;
}

describe('request bodies', () => {
  const server = app();
  afterAll(() => server.close());

  const post = (url: string, payload: string | Buffer, headers: Record<string, string>) =>
    server.inject({ method: 'POST', url, payload, headers });

  it('parses JSON on every route', async () => {
    const res = await post('/v1/things', '{"a":[1,"é"]}', { 'content-type': 'application/json' });
    expect(res.json()).toEqual({ kind: 'parsed', body: { a: [1, 'é'] } });
  });

  it('reads an empty JSON body as {}, declared or not', async () => {
    const none = await post('/v1/things', '', { 'content-type': 'application/json' });
    expect(none.json()).toEqual({ kind: 'parsed', body: {} });
  });

  it('refuses JSON that does not parse, or is no object or array, as 400 invalid_json', async () => {
    for (const text of ['{"a":', '"text"', '12', 'NaN']) {
      const res = await post('/v1/things', text, { 'content-type': 'application/json' });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'invalid_json']);
    }
  });

  it('refuses a body over the limit with 413, and a charset or encoding it cannot read with 415', async () => {
    const huge = JSON.stringify({ a: 'x'.repeat(BODY_LIMIT) });
    const big = await post('/v1/things', huge, { 'content-type': 'application/json' });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'body_too_large']);
    const latin1 = await post('/v1/things', '{}', { 'content-type': 'application/json; charset=latin1' });
    expect([latin1.statusCode, latin1.json().error.code]).toEqual([415, 'unsupported_media_type']);
    const zip = await post('/v1/things', '{}', {
      'content-type': 'application/json',
      'content-encoding': 'zip',
    });
    expect([zip.statusCode, zip.json().error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('inflates a gzip body, counting the limit on the inflated bytes', async () => {
    const small = await post('/v1/things', gzipSync('{"a":1}'), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(small.json()).toEqual({ kind: 'parsed', body: { a: 1 } });
    const bomb = await post('/v1/things', gzipSync(`{"a":"${'x'.repeat(BODY_LIMIT)}"}`), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(bomb.statusCode).toBe(413);
  });

  it('refuses other content types with 415 (docs/api.md), an empty body of any type is none', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await post('/v1/things', '{"a":1}', { 'content-type': type });
      expect([res.statusCode, res.json().error.code]).toEqual([415, 'unsupported_media_type']);
      expect(res.json().error.message).toContain(type);
      const empty = await post('/v1/things', '', { 'content-type': type });
      expect(empty.json()).toEqual({ kind: 'none' });
    }
  });

  it('leaves other content types unread on the customer pages: the route sees no body', async () => {
    const res = await post('/u/token', 'List-Unsubscribe=One-Click', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(res.json()).toEqual({ kind: 'none' });
  });

  it('keeps the exact bytes of any type under /webhooks', async () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
      const res = await post('/webhooks/shopify', '{"a": 1 }', { 'content-type': type });
      expect(res.json()).toEqual({ kind: 'bytes', body: '{"a": 1 }' });
    }
  });

  it('parses forms on the customer pages, within their smaller limit', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const res = await post('/u/token', 'action=subscribe&x=a+b', form);
    expect(res.json()).toEqual({ kind: 'parsed', body: { action: 'subscribe', x: 'a b' } });
    const big = await post('/u/token', `x=${'a'.repeat(FORM_LIMIT)}`, form);
    expect(big.statusCode).toBe(413);
  });
});
