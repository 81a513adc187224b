/**
 * A local HTTP server that speaks Twilio's Messages API (POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, used for SMS and WhatsApp alike): it checks the
 * Basic credentials and validates the form the way Twilio does, answers 201 with a Message
 * resource, and records every request so tests can assert exactly what Twilio would have
 * received. Tests may queue failure answers (429 with Retry-After, 5xx, 4xx) to exercise retries.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer, readBody, sendJson } from './local-http-server';

export interface RecordedTwilioRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The urlencoded form fields; a repeated field (MediaUrl) becomes an array. */
  form: Record<string, string | string[]>;
  status: number;
  /** The Message sid, when the message was accepted (201). */
  messageSid: string | null;
  /** When the request arrived (ms since the epoch), e.g. to measure a send rate. */
  receivedAt: number;
}

/** Twilio's error body, the same shape for every failure. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export interface QueuedTwilioAnswer {
  status: number;
  /** Hold the answer this long (the request is recorded on arrival), e.g. to kill a client mid-call. */
  delayMs?: number;
  /** Defaults to a Twilio error body with Twilio's generic code for the status (20000 + status). */
  body?: unknown;
  headers?: Record<string, string>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{1,14}$/;

export class TwilioStub extends LocalHttpServer<QueuedTwilioAnswer> {
  readonly requests: RecordedTwilioRequest[] = [];

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
  ) {
    super();
  }

  /** Accepted messages (201 answers), in arrival order. */
  get delivered(): RecordedTwilioRequest[] {
    return this.requests.filter((r) => r.status === 201);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const method = req.method ?? '';
    // Like Twilio, a body that is not urlencoded is read as no parameters at all.
    const urlencoded = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const form = urlencoded ? parseForm(raw) : {};
    const record = (status: number, messageSid: string | null = null) =>
      this.requests.push({ method, path, headers: req.headers, form, status, messageSid, receivedAt });

    const account = MESSAGES_PATH.exec(path)?.[1];
    if (method !== 'POST' || !account) {
      record(404);
      return sendJson(res, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
    }
    if (req.headers.authorization !== basicAuth(this.accountSid, this.authToken)) {
      record(401);
      return sendJson(res, 401, twilioError(401, 20003, 'Authenticate'));
    }
    if (account !== this.accountSid) {
      record(404);
      return sendJson(res, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
    }

    const queued = this.answers.shift();
    if (queued) {
      record(queued.status);
      if (queued.delayMs) await new Promise((resolve) => setTimeout(resolve, queued.delayMs));
      const body = queued.body ?? twilioError(queued.status, 20000 + queued.status, 'stubbed failure');
      return sendJson(res, queued.status, body, queued.headers);
    }

    const problem = formProblem(form);
    if (problem) {
      record(400);
      return sendJson(res, 400, problem);
    }
    const messageSid = `SM${randomBytes(16).toString('hex')}`;
    record(201, messageSid);
    sendJson(res, 201, messageResource(this.accountSid, messageSid, form, new Date()));
  }
}

/** The checks Twilio makes before it queues a message, with its error codes. */
function formProblem(form: Record<string, string | string[]>): TwilioErrorBody | null {
  const to = field(form, 'To');
  if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!field(form, 'From') && !field(form, 'MessagingServiceSid'))
    return twilioError(400, 21603, "A 'From' phone number is required.");
  if (!field(form, 'Body') && !field(form, 'ContentSid') && !field(form, 'MediaUrl'))
    return twilioError(400, 21602, 'Message body is required.');
  if (!E164.test(to.replace(/^whatsapp:/, '')))
    return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
  return null;
}

/** A Message resource as Twilio returns it on create: queued, nothing priced or sent yet. */
function messageResource(
  accountSid: string,
  sid: string,
  form: Record<string, string | string[]>,
  now: Date,
): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
  const to = field(form, 'To') as string;
  const body = field(form, 'Body') ?? '';
  const date = now.toUTCString().replace('GMT', '+0000'); // RFC 2822, as Twilio writes dates
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body,
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: field(form, 'From') ?? null,
    messaging_service_sid: field(form, 'MessagingServiceSid') ?? null,
    num_media: '0',
    num_segments: String(to.startsWith('whatsapp:') ? 1 : roughSegments(body)),
    price: null,
    price_unit: 'USD',
    sid,
    // Without a From, Twilio picks the sender from the Messaging Service first ("accepted").
    status: field(form, 'From') ? 'queued' : 'accepted',
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
    to,
    uri,
  };
}

/**
 * Enough of the segment rule for a realistic resource: GSM-7 when every character is in the GSM
 * alphabet (extension characters count double), UCS-2 otherwise. Test infrastructure must not
 * depend on the channels lib it tests, so this is deliberately separate from its exact count.
 */
function roughSegments(body: string): number {
  const extension = '\f^{}\\[~]|€';
  const gsm7 =
    /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà\f^{}\\[~\]|€]*$/;
  const [length, single, perPart] = gsm7.test(body)
    ? [[...body].reduce((n, c) => n + (extension.includes(c) ? 2 : 1), 0), 160, 153]
    : [body.length, 70, 67];
  if (length <= single) return 1;
  return Math.ceil(length / perPart);
}

function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function field(form: Record<string, string | string[]>, name: string): string | undefined {
  const value = form[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseForm(raw: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}
