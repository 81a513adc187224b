/**
 * Reads a bulk operation's JSONL result as a stream, one parsed line at a time, so memory stays
 * flat whatever the file's size: node's fetch body, decoded incrementally, split on newlines.
 *
 * - Lines are numbered from 1 as they stand in the file (blank lines count but are not yielded).
 *   A caller that persisted "processed up to line N" resumes with `fromLine: N + 1`; earlier lines
 *   are skipped without being parsed.
 * - A malformed line (not JSON, not an object, or longer than `maxLineBytes`) is yielded as
 *   `{ lineNumber, error }` for the caller to count and report; it does not stop the stream.
 * - Nested connections are not nested: an order's line items are separate lines carrying
 *   `__parentId` (the order's gid), yielded as they are. With `groupObjects` (bulk-operations.ts)
 *   they follow their parent directly; otherwise anywhere after it.
 * - A URL the file host refuses as expired or gone (400 ExpiredToken, 401, 403, 404, 410) raises
 *   BulkUrlExpiredError: run the bulk operation again. A download that breaks (network, 5xx) is
 *   fetched again and resumes after the last line yielded, a bounded number of times.
 */
import { BulkUrlExpiredError, ShopifyError } from './shopify.errors';

export type JsonlLine<T = unknown> =
  | { lineNumber: number; value: T; error?: undefined }
  | {
      lineNumber: number;
      value?: undefined;
      error: string;
      /** The line's start, for the report. */ raw: string;
    };

export interface StreamJsonlOptions {
  /** First line to yield (1-based); default 1. */
  fromLine?: number;
  /** Longest line accepted; a longer one is yielded as an error. Default 16 MiB. */
  maxLineBytes?: number;
  /** Fresh downloads after a broken one before giving up; default 3. */
  retries?: number;
  /** Pause before the first fresh download, doubled each time; default 1 s. */
  retryDelayMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Statuses a signed storage URL answers once it has expired or its object is gone. */
const EXPIRED = new Set([401, 403, 404, 410]);

export async function* streamJsonl<T = unknown>(
  url: string,
  options: StreamJsonlOptions = {},
): AsyncGenerator<JsonlLine<T>, void, undefined> {
  const fetchFile = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = options.retries ?? 3;
  const maxChars = options.maxLineBytes ?? 16 * 1024 * 1024;
  let next = Math.max(1, Math.floor(options.fromLine ?? 1));
  let failures = 0;
  for (;;) {
    let broken: unknown;
    try {
      const response = await fetchFile(url, { signal: options.signal });
      await refuseUnusable(response);
      for await (const line of physicalLines(response.body as ReadableStream<Uint8Array>, maxChars)) {
        if (line.lineNumber < next) continue;
        next = line.lineNumber + 1;
        if (line.text === null) {
          yield { lineNumber: line.lineNumber, error: `the line is longer than ${maxChars} bytes`, raw: '' };
          continue;
        }
        if (line.text.trim() === '') continue;
        yield parseLine<T>(line.lineNumber, line.text);
      }
      return;
    } catch (error) {
      if (!isTransient(error) || options.signal?.aborted) throw error;
      broken = error;
    }
    failures += 1;
    if (failures > retries)
      throw new ShopifyError(
        'shopify_unavailable',
        `the bulk result download broke ${failures} times, last: ${describe(broken)}`,
        true,
      );
    await sleep((options.retryDelayMs ?? 1000) * 2 ** (failures - 1));
  }
}

function parseLine<T>(lineNumber: number, text: string): JsonlLine<T> {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { lineNumber, error: 'the line is not a JSON object', raw: text.slice(0, 200) };
    return { lineNumber, value: value as T };
  } catch (error) {
    return { lineNumber, error: `not JSON: ${(error as Error).message}`, raw: text.slice(0, 200) };
  }
}

/** The file's lines, numbered from 1; `text` is null for a line over `maxChars`. */
async function* physicalLines(
  body: ReadableStream<Uint8Array>,
  maxChars: number,
): AsyncGenerator<{ lineNumber: number; text: string | null }> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let lineNumber = 0;
  let overflow = false;
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n', start)) {
      lineNumber += 1;
      yield { lineNumber, text: overflow ? null : withoutCarriageReturn(buffer.slice(start, end)) };
      overflow = false;
      start = end + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > maxChars) {
      // Keep memory flat even for a runaway line: drop it and remember it was there.
      overflow = true;
      buffer = '';
    }
  }
  buffer += decoder.decode();
  if (buffer.length > 0 || overflow) {
    lineNumber += 1;
    yield { lineNumber, text: overflow ? null : withoutCarriageReturn(buffer) };
  }
}

function withoutCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

async function refuseUnusable(response: Response): Promise<void> {
  if (response.ok && response.body) return;
  const body = await response.text().catch(() => '');
  // Google Cloud Storage, where Shopify keeps bulk results, answers an expired signed URL with
  // 400 ExpiredToken; other hosts with 401/403 (signature), 404 or 410 (object gone).
  if (EXPIRED.has(response.status) || (response.status === 400 && /expired/i.test(body)))
    throw new BulkUrlExpiredError(response.status);
  if (response.status >= 500 || response.status === 429)
    throw new TransientDownloadError(`the file host answered ${response.status}`);
  throw new ShopifyError(
    'shopify_request',
    `the bulk result URL answered ${response.status}: ${body.slice(0, 200) || response.statusText}`,
    false,
    response.status,
  );
}

class TransientDownloadError extends Error {}

function isTransient(error: unknown): boolean {
  if (error instanceof ShopifyError) return false;
  // fetch's own failures (TypeError "fetch failed", a reset mid-body) and our 5xx marker.
  return error instanceof TransientDownloadError || error instanceof TypeError || isSocketError(error);
}

function isSocketError(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error)?.message ?? String(error);
  return cause?.code || cause?.message ? `${message} (${cause.code ?? cause.message})` : message;
}
