/**
 * A local HTTP server that speaks SendGrid's v3 mail/send API: it checks the bearer key and the
 * request's shape the way SendGrid does, answers 202 with an X-Message-Id, and records every
 * request so tests can assert exactly what SendGrid would have received. Tests may queue
 * failure answers (429, 5xx, 400) to exercise retries.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer, readBody, sendJson } from './local-http-server';

export interface RecordedSendGridRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: SendGridMailBody;
  messageId: string | null;
  status: number;
  /** When the request arrived (ms since the epoch), e.g. to measure a send rate. */
  receivedAt: number;
}

/** The parts of SendGrid's v3 mail/send body our tests read. */
export interface SendGridMailBody {
  personalizations: Array<{
    to: Array<{ email: string; name?: string }>;
    custom_args?: Record<string, string>;
  }>;
  from: { email: string; name?: string };
  subject?: string;
  content?: Array<{ type: string; value: string }>;
  headers?: Record<string, string>;
  custom_args?: Record<string, string>;
  categories?: string[];
}

export interface QueuedAnswer {
  status: number;
  /** Hold the answer this long (the request is recorded on arrival), e.g. to kill a client mid-call. */
  delayMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class SendGridStub extends LocalHttpServer<QueuedAnswer> {
  readonly requests: RecordedSendGridRequest[] = [];

  constructor(private readonly apiKey: string) {
    super();
  }

  /** Accepted mail (202 answers), in arrival order. */
  get delivered(): RecordedSendGridRequest[] {
    return this.requests.filter((r) => r.status === 202);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/v3/mail/send') {
      return sendJson(res, 404, { errors: [{ message: `no route ${req.method} ${path}`, field: null }] });
    }
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return sendJson(res, 401, {
        errors: [
          { message: 'The provided authorization grant is invalid, expired, or revoked', field: null },
        ],
      });
    }
    let body: SendGridMailBody;
    try {
      body = JSON.parse(raw) as SendGridMailBody;
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Bad Request', field: null }] });
    }
    const problem = shapeProblem(body);
    const queued = this.answers.shift();
    const status = problem ? 400 : (queued?.status ?? 202);
    const messageId = status === 202 ? randomBytes(11).toString('base64url') : null;
    this.requests.push({
      method: req.method,
      path,
      headers: req.headers,
      body,
      messageId,
      status,
      receivedAt,
    });
    if (problem) return sendJson(res, 400, { errors: [problem] });
    if (queued?.delayMs) await new Promise((resolve) => setTimeout(resolve, queued.delayMs));
    if (queued && queued.status !== 202)
      return sendJson(
        res,
        queued.status,
        queued.body ?? { errors: [{ message: 'stubbed failure', field: null }] },
        queued.headers,
      );
    if (!res.destroyed) res.writeHead(202, { 'X-Message-Id': messageId as string }).end();
  }
}

function shapeProblem(body: SendGridMailBody): { message: string; field: string } | null {
  if (!Array.isArray(body.personalizations) || body.personalizations.length === 0) {
    return {
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    };
  }
  if (!body.from?.email)
    return { message: 'The from object must be provided for every email send.', field: 'from' };
  if (!body.subject) return { message: 'The subject is required.', field: 'subject' };
  if (!Array.isArray(body.content) || body.content.length === 0) {
    return {
      message: 'Unless a valid template_id is provided, the content parameter is required.',
      field: 'content',
    };
  }
  return null;
}
