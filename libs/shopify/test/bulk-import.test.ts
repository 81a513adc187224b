/**
 * The backfill's transport: a bulk query started through the real client, polled to COMPLETED,
 * and its JSONL read as a stream from the operation's URL: every line numbered, a malformed line
 * yielded as an error (counted, not fatal), a read resumed from a line number, child lines
 * (line items) yielded as they are with their `__parentId`, an expired URL named as such.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShopifyAdminStub } from '@waypoint/testing';
import type { JsonlLine } from '../src/bulk-jsonl';
import type { BulkOperationStatus } from '../src/bulk-operations';
import {
  isChildLine,
  ORDERS_BULK_QUERY,
  type BulkLineItemLine,
  type BulkOrderLine,
} from '../src/bulk-queries';
import { ShopifyAdmin } from '../src/shopify-admin';
import { BulkUrlExpiredError, ShopifyUserError } from '../src/shopify.errors';

const TOKEN = 'shpat_unit_test_token';
const LINES = 10_000;
const MALFORMED_LINE = 4_321;

/** 2,500 orders, each followed by its 3 line items (grouped output): 10,000 lines, one broken. */
function writeOrdersJsonl(file: string): void {
  const lines: string[] = [];
  let order = 0;
  while (lines.length < LINES) {
    order += 1;
    const orderId = `gid://shopify/Order/${order}`;
    lines.push(
      JSON.stringify({
        id: orderId,
        name: `#${1000 + order}`,
        createdAt: new Date(Date.UTC(2024, 0, 1) + order * 3_600_000).toISOString(),
        customer: { id: `gid://shopify/Customer/${(order % 700) + 1}` },
        totalPriceSet: { shopMoney: { amount: `${order % 90}.50`, currencyCode: 'EUR' } },
        discountCodes: order % 5 === 0 ? ['WELCOME-10'] : [],
        note: 'Crème brûlée für Zoë — 東京 🚚',
      }),
    );
    for (let item = 1; item <= 3 && lines.length < LINES; item++)
      lines.push(
        JSON.stringify({
          id: `gid://shopify/LineItem/${order * 10 + item}`,
          sku: `SKU-${item}`,
          quantity: item,
          title: 'Thé vert',
          __parentId: orderId,
        }),
      );
  }
  lines[MALFORMED_LINE - 1] = '{"id":"gid://shopify/Order/broken", "name": ';
  writeFileSync(file, lines.join('\n') + '\n');
}

async function readAll(stream: AsyncIterable<JsonlLine>): Promise<JsonlLine[]> {
  const lines: JsonlLine[] = [];
  for await (const line of stream) lines.push(line);
  return lines;
}

describe('bulk import transport', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-bulk-'));
  const file = join(dir, 'orders.jsonl');
  let admin: ShopifyAdmin;

  beforeAll(async () => {
    writeOrdersJsonl(file);
    await stub.start();
    admin = new ShopifyAdmin(
      { shop: 'waypoint-test.myshopify.com', accessToken: TOKEN, apiVersion: '2025-10', apiUrl: stub.url },
      { backoffMs: 5, log: () => undefined },
    );
  });
  afterAll(async () => {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stub.expireBulkUrls = false;
    stub.refillBucket();
  });

  async function completedOperationUrl(): Promise<string> {
    stub.planBulkResult({ file, pollsUntilDone: 2 });
    const { id } = await admin.runBulkQuery(ORDERS_BULK_QUERY);
    const done = await admin.pollBulkOperation(id, { intervalMs: 5 });
    return done.url!;
  }

  it('starts the bulk query, polls it to COMPLETED and streams all 10,000 lines, the malformed one counted', async () => {
    stub.planBulkResult({ file, pollsUntilDone: 3 });
    const started = await admin.runBulkQuery(ORDERS_BULK_QUERY);
    expect(started.status).toBe('CREATED');
    const stored = stub.store.bulk.operations.get(started.id)!;
    expect(stored.query).toBe(ORDERS_BULK_QUERY);
    expect(stored.groupObjects).toBe(true);

    const seen: BulkOperationStatus[] = [];
    const done = await admin.pollBulkOperation(started.id, {
      intervalMs: 5,
      onProgress: (op) => seen.push(op.status),
    });
    expect(seen).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED']);
    expect(done).toMatchObject({ status: 'COMPLETED', errorCode: null, objectCount: LINES });
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bulk\/\d+\.jsonl$/);

    const lines = await readAll(admin.streamJsonl(done.url!));
    expect(lines.map((l) => l.lineNumber)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
    const errors = lines.filter((l) => l.error !== undefined);
    expect(errors).toEqual([
      { lineNumber: MALFORMED_LINE, error: expect.stringContaining('not JSON'), raw: expect.any(String) },
    ]);
    const values = lines.filter((l) => l.error === undefined).map((l) => l.value as Record<string, unknown>);
    expect(values).toHaveLength(LINES - 1);
    // Multi-byte text survives chunk boundaries.
    expect(values[0]).toMatchObject({ id: 'gid://shopify/Order/1', note: 'Crème brûlée für Zoë — 東京 🚚' });
  });

  it('yields line items as their own lines, after their order, with __parentId', async () => {
    const url = await completedOperationUrl();
    let currentOrder: string | null = null;
    let items = 0;
    const orphans: string[] = [];
    for await (const line of admin.streamJsonl<BulkOrderLine | BulkLineItemLine>(url)) {
      if (line.error !== undefined) {
        currentOrder = null;
        continue;
      }
      if (!isChildLine(line.value)) currentOrder = line.value.id;
      else if (line.value.__parentId === currentOrder) items += 1;
      else orphans.push(line.value.__parentId);
    }
    expect(items).toBe(7_497);
    // The malformed line was order 1081's: its three items name a parent that was never read.
    expect(orphans).toEqual(Array(3).fill('gid://shopify/Order/1081'));
  });

  it('resumes from a line number: lines before it are skipped, the rest are the same', async () => {
    const url = await completedOperationUrl();
    const all = await readAll(admin.streamJsonl(url));
    const resumed = await readAll(admin.streamJsonl(url, { fromLine: 6_001 }));
    expect(resumed[0].lineNumber).toBe(6_001);
    expect(resumed).toEqual(all.slice(6_000));
  });

  it('fetches again after a download breaks part-way and carries on after the last line read', async () => {
    const url = await completedOperationUrl();
    const all = await readAll(admin.streamJsonl(url));
    stub.breakNextBulkDownloadAfter = 300_000;
    stub.bulkDownloads.length = 0;
    const again = await readAll(admin.streamJsonl(url, { retryDelayMs: 5 }));
    expect(stub.bulkDownloads.map((d) => d.brokenAfter)).toEqual([300_000, null]);
    expect(again).toEqual(all);
  });

  it('stops reading when the caller stops, and the server is free for the next read', async () => {
    const url = await completedOperationUrl();
    const first: number[] = [];
    for await (const line of admin.streamJsonl(url)) {
      first.push(line.lineNumber);
      if (first.length === 10) break;
    }
    expect(first).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await readAll(admin.streamJsonl(url, { fromLine: LINES }))).map((l) => l.lineNumber)).toEqual([
      LINES,
    ]);
  });

  it('raises BulkUrlExpiredError when the result URL has expired', async () => {
    const url = await completedOperationUrl();
    stub.expireBulkUrls = true;
    const error = await readAll(admin.streamJsonl(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkUrlExpiredError);
    expect(error).toMatchObject({ code: 'shopify_bulk_url_expired', status: 403 });
  });

  it('refuses a second bulk query while one runs, with the store message', async () => {
    stub.planBulkResult({ file, pollsUntilDone: 1 });
    const running = await admin.runBulkQuery(ORDERS_BULK_QUERY);
    const error = await admin.runBulkQuery(ORDERS_BULK_QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).userErrors[0]).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    await admin.pollBulkOperation(running.id, { intervalMs: 5 });
  });

  it('returns a FAILED operation with its error code instead of waiting forever', async () => {
    stub.planBulkResult({ file: null, pollsUntilDone: 1, finalStatus: 'FAILED', errorCode: 'ACCESS_DENIED' });
    const { id } = await admin.runBulkQuery(ORDERS_BULK_QUERY);
    const ended = await admin.pollBulkOperation(id, { intervalMs: 5 });
    expect(ended).toMatchObject({ status: 'FAILED', errorCode: 'ACCESS_DENIED', url: null });
  });
});
