/** Maps every error to a status and the JSON body `{error: {code, message, details}}`. */
import {
  ArgumentsHost,
  Catch,
  HttpException,
  Logger,
  type ExceptionFilter,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Database } from '@waypoint/data';
import type { Response } from 'express';
import { ApiError } from './api-error';
import {
  DependencyOutages,
  RETRY_AFTER_SECONDS,
  unavailableBody,
  unavailableDependency,
} from './dependency-outage';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter, OnApplicationShutdown {
  private readonly logger = new Logger('ApiExceptionFilter');
  private readonly outages: DependencyOutages;

  constructor(db: Database, temporal: Client) {
    this.outages = new DependencyOutages(new Logger('Dependencies'), {
      database: () => db.ping(),
      temporal: () => temporal.workflowService.getSystemInfo({}),
    });
  }

  onApplicationShutdown(): void {
    this.outages.close();
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // PostgreSQL or Temporal away: 503 with Retry-After (webhooks too, so their senders retry),
    // logged once per outage rather than a stack per request.
    const dependency = unavailableDependency(exception);
    if (dependency) {
      this.outages.refused(dependency, exception);
      response.set('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(503).json(unavailableBody(dependency));
      return;
    }
    const { status, body } = toErrorBody(exception);
    if (exception instanceof ApiError) response.set(exception.headers);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    response.status(status).json(body);
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
  // Errors from Express's body parsers carry a type and a status.
  const parser = exception as { type?: string; status?: number; limit?: number; message?: string };
  if (parser.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: { error: { code: 'invalid_json', message: `The body is not valid JSON: ${parser.message}` } },
    };
  }
  if (parser.type === 'entity.too.large') {
    return {
      status: 413,
      body: {
        error: { code: 'body_too_large', message: `The body is larger than the ${parser.limit} byte limit` },
      },
    };
  }
  if (
    parser.type === 'charset.unsupported' ||
    parser.type === 'encoding.unsupported' ||
    parser.status === 415
  ) {
    return {
      status: 415,
      body: {
        error: {
          code: 'unsupported_media_type',
          message: `The body's charset or encoding is not one the API reads: ${parser.message ?? ''}`.trim(),
        },
      },
    };
  }
  if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
    return {
      status: parser.status,
      body: { error: { code: 'bad_request', message: parser.message ?? 'Bad request' } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side' } } };
}
