/**
 * Twilio's Messages API through the official `twilio` SDK, as both Twilio adapters (SMS and
 * WhatsApp) use it: one SDK client per account, an optional base URL in place of
 * https://api.twilio.com (a regional endpoint, or a local server speaking Twilio's API in tests),
 * and failures mapped to ProviderError.
 *
 * The SDK has no base-URL option. Each REST domain hard-codes its host (rest/ApiBase.js:
 * `super(twilio, "https://api.twilio.com")`), and BaseTwilio.request() then rewrites that host for
 * `region`/`edge` (options, or TWILIO_REGION/TWILIO_EDGE read from the environment) before it hands
 * the absolute URL to the client's `httpClient`. So the override sits in that last step: an
 * httpClient that is the SDK's own RequestClient (auth, form encoding and timeouts stay the SDK's)
 * with the origin swapped and Twilio's path kept.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import RestException from 'twilio/lib/base/RestException';
import TwilioServiceException from 'twilio/lib/base/TwilioServiceException';
import type Response from 'twilio/lib/http/response';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { ProviderError } from '../provider-error';
import type { TwilioMessageParams } from './twilio-message-params';

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  /** Base URL to send to instead of https://api.twilio.com (TWILIO_API_URL). */
  apiUrl?: string;
}

/**
 * The HTTP response of one create() call. The SDK's exceptions keep status, code and message but
 * drop the headers, and Retry-After is a header; async context keeps concurrent sends apart.
 */
interface Exchange {
  response?: Response<unknown>;
}
const exchanges = new AsyncLocalStorage<Exchange>();

class TwilioHttpClient extends RequestClient {
  constructor(private readonly apiUrl: URL | undefined) {
    // The SDK's own 429 retry (autoRetry) stays off: retrying is the send activity's retry policy.
    super({ timeout: 15_000 });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const uri = this.apiUrl ? rebased(opts.uri, this.apiUrl) : opts.uri;
    const response = await super.request({ ...opts, uri });
    const exchange = exchanges.getStore();
    if (exchange) exchange.response = response;
    return response;
  }
}

/** `uri` with `base`'s origin (and path prefix, if it has one) in front of Twilio's own path. */
function rebased(uri: string, base: URL): string {
  const twilioUrl = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(prefix + twilioUrl.pathname + twilioUrl.search, base).href;
}

export class TwilioMessagesClient {
  private readonly client: twilio.Twilio;

  constructor(account: TwilioAccount) {
    const apiUrl = account.apiUrl ? new URL(account.apiUrl) : undefined;
    this.client = twilio(account.accountSid, account.authToken, { httpClient: new TwilioHttpClient(apiUrl) });
  }

  /** Creates the Message resource (Twilio queues it for delivery); failures throw ProviderError. */
  async create(params: TwilioMessageParams): Promise<MessageInstance> {
    const exchange: Exchange = {};
    try {
      return await exchanges.run(exchange, () => this.client.messages.create(params));
    } catch (error) {
      throw toProviderError(error, exchange.response);
    }
  }
}

function toProviderError(error: unknown, response: Response<unknown> | undefined): unknown {
  if (error instanceof RestException || error instanceof TwilioServiceException) {
    const status = error.status;
    const code = error.code ? String(error.code) : undefined;
    // Legacy bodies are {code, message, more_info, status}; RFC 9457 ones {code, title, detail, …}.
    const detail =
      error instanceof RestException
        ? [error.message, error.moreInfo].filter(Boolean).join(' ')
        : error.detail || error.title;
    // 429 and 5xx are worth retrying; other 4xx mean the request itself is wrong (bad number,
    // unsubscribed recipient, wrong credentials) and will fail the same way again.
    const permanent = status >= 400 && status < 500 && status !== 429;
    return new ProviderError(
      `Twilio ${status}${code ? ` (${code})` : ''}: ${detail || 'no detail'}`,
      'twilio',
      permanent,
      status,
      code,
      permanent ? undefined : retryAfterMs(response?.headers?.['retry-after']),
    );
  }
  // The SDK's HTTP layer is axios: its errors mean no answer arrived (refused, reset, timed out).
  if (isAxiosError(error))
    return new ProviderError(`Twilio network error: ${error.message}`, 'twilio', false);
  return error;
}

function isAxiosError(error: unknown): error is Error {
  return error instanceof Error && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
