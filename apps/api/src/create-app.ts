/**
 * Builds the HTTP application. Webhook routes get the raw body (signatures are computed over the
 * exact bytes); everything else gets JSON. Body-parser errors become the same error JSON.
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { toErrorBody } from './errors/api-exception.filter';
import { findJsonProblem, queryEncodingProblem } from './http/clean-json';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OpenApiDocument } from './openapi/openapi.controller';

export const BODY_LIMIT = '1mb';

export async function createApp(
  options: { trustProxy?: boolean | number | string } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: ['log', 'warn', 'error'],
  });
  app.set('trust proxy', options.trustProxy ?? false);
  app.use('/webhooks', express.raw({ type: () => true, limit: BODY_LIMIT }));
  // The unsubscribe page's forms and RFC 8058 one-click posts are form-encoded.
  app.use('/u', express.urlencoded({ extended: false, limit: '16kb' }));
  // The survey page's comment form too (docs/product.md, "Surveys").
  app.use('/s', express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    // Webhook bodies stay raw bytes here (their controllers check them after the signature).
    const body: unknown = Buffer.isBuffer(req.body) ? undefined : req.body;
    next(
      queryEncodingProblem(req.originalUrl) ??
        findJsonProblem(body) ??
        findJsonProblem(req.query, undefined, 'The query') ??
        undefined,
    );
  });
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const { status, body } = toErrorBody(error);
    res.status(status).json(body);
  });
  app.enableShutdownHooks();
  app.get(OpenApiDocument).set(buildOpenApiDocument(app));
  return app;
}
