/** Maps every error to a status and the JSON body `{error: {code, message, details}}`. */
import {
  ArgumentsHost,
  Catch,
  HttpException,
  Logger,
  NotFoundException,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedMethodsFor } from '../http/route-methods';
import { ApiError } from './api-error';
import {
  DependencyOutages,
  RETRY_AFTER_SECONDS,
  unavailableBody,
  unavailableDependency,
} from './dependency-outage';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly outages: DependencyOutages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    // PostgreSQL or Temporal away: 503 with Retry-After (webhooks too, so their senders retry),
    // logged once per outage rather than a stack per request.
    const dependency = unavailableDependency(exception);
    if (dependency) {
      this.outages.refused(dependency, exception);
      void response.header('Retry-After', String(RETRY_AFTER_SECONDS));
      void response.status(503).send(unavailableBody(dependency));
      return;
    }
    // No route for this method, but the path has routes for others: 405 with Allow (docs/api.md).
    if (exception instanceof NotFoundException) {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      const allowed = allowedMethodsFor(request);
      if (allowed.length > 0) {
        void response.header('Allow', allowed.join(', '));
        void response.status(405).send({
          error: {
            code: 'method_not_allowed',
            message: `${request.method} is not allowed here; this path takes ${allowed.join(', ')}`,
          },
        });
        return;
      }
    }
    const { status, body } = toErrorBody(exception);
    if (exception instanceof ApiError) void response.headers(exception.headers);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    void response.status(status).send(body);
  }
}

export function toErrorBody(exception: unknown): {
  status: number;
  body: { error: Record<string, unknown> };
} {
  if (exception instanceof ApiError) {
    return {
      status: exception.status,
      body: { error: { code: exception.code, message: exception.message, details: exception.details } },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code =
      status === 404
        ? 'not_found'
        : status === 405
          ? 'method_not_allowed'
          : status === 400
            ? 'invalid_request'
            : status === 415
              ? 'unsupported_media_type'
              : 'http_error';
    return { status, body: { error: { code, message: exception.message } } };
  }
  // Errors Fastify raises itself (an undecodable path, a malformed Content-Type) carry a code and a status.
  const framework = exception as { code?: unknown; statusCode?: unknown; message?: string };
  if (typeof framework.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const status = framework.statusCode;
    const code =
      framework.code === 'FST_ERR_BAD_URL'
        ? 'invalid_request'
        : status === 413
          ? 'body_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'bad_request';
    return { status, body: { error: { code, message: framework.message ?? 'Bad request' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side' } } };
}
