/**
 * Builds the HTTP application on Fastify. Webhook routes get the raw body (signatures are computed
 * over the exact bytes); everything else gets JSON (http/request-bodies.ts). Before any handler,
 * every body and query is checked (http/clean-json.ts); errors Fastify raises itself get the same
 * error JSON as the handlers' (errors/api-exception.filter.ts), and a path that exists called with a
 * method it does not take is 405 (http/route-methods.ts).
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply } from 'fastify';
import { AppModule } from './app.module';
import { toErrorBody } from './errors/api-exception.filter';
import { findJsonProblem, queryEncodingProblem } from './http/clean-json';
import { BODY_LIMIT, emptyBodyOf, readRequestBodies } from './http/request-bodies';
import { recordRouteMethods } from './http/route-methods';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OpenApiDocument } from './openapi/openapi.controller';

export { BODY_LIMIT };

export async function createApp(
  options: { trustProxy?: boolean | number | string } = {},
): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    // Routes match as they did on Express: any letter case, with or without a trailing slash,
    // and path parameters of any length (signed link tokens are long).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 8192 },
    // No Nest middleware is used, so @fastify/middie's per-request hook is left out.
    skipMiddie: true,
    // An undecodable path (`/v1/segments/%E0%A4%A`) is a 400 in the API's error shape.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      const { status, body } = toErrorBody(error);
      void reply.status(status).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bodyParser: false,
    logger: ['log', 'warn', 'error'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  readRequestBodies(fastify);
  recordRouteMethods(fastify);
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.headers['content-length'] === '0')
      request.body = emptyBodyOf(request);
    // Webhook bodies stay raw bytes here (their controllers check them after the signature).
    const body: unknown = Buffer.isBuffer(request.body) ? undefined : request.body;
    done(
      queryEncodingProblem(request.url) ??
        findJsonProblem(body) ??
        findJsonProblem(request.query, undefined, 'The query') ??
        undefined,
    );
  });
  app.enableShutdownHooks();
  app.get(OpenApiDocument).set(buildOpenApiDocument(app));
  return app;
}
