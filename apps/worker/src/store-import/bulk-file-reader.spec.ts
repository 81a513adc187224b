import type { JsonlLine } from '@waypoint/shopify';
import { readBulkFile, type ObjectBatch } from './bulk-file-reader';

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'EUR' } });

function order(n: number): Record<string, unknown> {
  return {
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    email: `buyer${n}@example.com`,
    createdAt: '2025-01-01T10:00:00Z',
    updatedAt: '2025-01-02T10:00:00Z',
    processedAt: '2025-01-01T10:00:00Z',
    cancelledAt: n % 3 === 0 ? '2025-01-03T10:00:00Z' : null,
    cancelReason: n % 3 === 0 ? 'CUSTOMER' : null,
    currencyCode: 'EUR',
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    customerAcceptsMarketing: false,
    customer: { id: `gid://shopify/Customer/${n}` },
    totalPriceSet: money('10.00'),
    subtotalPriceSet: money('10.00'),
    totalDiscountsSet: money('0.00'),
    discountCodes: [],
    fulfillments: [],
  };
}

function item(n: number, k: number): Record<string, unknown> {
  return {
    id: `gid://shopify/LineItem/${n}${k}`,
    sku: null,
    title: 'Tea',
    quantity: 1,
    product: { id: 'gid://shopify/Product/7' },
    variant: null,
    originalUnitPriceSet: money('5.00'),
    __parentId: `gid://shopify/Order/${n}`,
  };
}

/** Orders 1..n with two items each; `broken` line numbers replaced by a malformed line. */
function orderLines(n: number, broken: number[] = []): Array<JsonlLine<Record<string, unknown>>> {
  const values = Array.from({ length: n }, (_, i) => [order(i + 1), item(i + 1, 1), item(i + 1, 2)]).flat();
  return values.map((value, i) =>
    broken.includes(i + 1)
      ? { lineNumber: i + 1, error: 'not JSON', raw: '{"id":' }
      : { lineNumber: i + 1, value },
  );
}

async function* from<T>(lines: T[], start = 0): AsyncGenerator<T> {
  for (const line of lines.slice(start)) yield line;
}

async function read(lines: Array<JsonlLine<Record<string, unknown>>>, linesRead: number, batchSize: number) {
  const batches: ObjectBatch[] = [];
  const result = await readBulkFile(from(lines, linesRead), {
    kind: 'orders',
    linesRead,
    batchSize,
    source: 'shopify:test.myshopify.com',
    write: async (batch) => {
      batches.push(batch);
    },
  });
  return { batches, ...result };
}

describe('readBulkFile', () => {
  it('ends every batch with a whole order, so the progress it stores is a line a restart can continue after', async () => {
    const { batches } = await read(orderLines(10), 0, 4);
    expect(batches.map((b) => [b.fromLinesRead, b.linesRead, b.objects])).toEqual([
      [0, 12, 4],
      [12, 24, 4],
      [24, 30, 2],
    ]);
    // placed for every order, cancelled for orders 3, 6 and 9
    expect(batches.flatMap((b) => b.events.map((e) => e.type))).toHaveLength(13);
    expect(batches[0].events[0]).toMatchObject({
      type: 'order.placed',
      idempotencyKey: 'shopify-import:order:1:placed',
      source: 'shopify:test.myshopify.com',
      customer: { externalId: '1', email: 'buyer1@example.com' },
      properties: { orderId: '1', totalPrice: 10, lineItems: [{ productId: '7' }, { productId: '7' }] },
    });
  });

  it('counts a malformed line once, in the batch that covers it, and goes on', async () => {
    // Line 7 is order 3's line: its items become orphans; line 14 is one of order 5's items.
    const { batches, orphans } = await read(orderLines(6, [7, 14]), 0, 2);
    expect(batches.flatMap((b) => b.malformed.map((m) => m.lineNumber))).toEqual([7, 14]);
    expect(orphans).toBe(2);
    expect(batches.reduce((n, b) => n + b.objects, 0)).toBe(5);
    expect(batches.at(-1)?.linesRead).toBe(18);
  });

  it('resumed after a stored batch, stores the rest exactly once', async () => {
    const lines = orderLines(10, [20]);
    const whole = await read(lines, 0, 3);
    const first = whole.batches[0];
    const resumed = await read(lines, first.linesRead, 3);
    const keys = (batches: ObjectBatch[]) => batches.flatMap((b) => b.events.map((e) => e.idempotencyKey));
    expect([...keys([first]), ...keys(resumed.batches)]).toEqual(keys(whole.batches));
    const malformed = (batches: ObjectBatch[]) => batches.reduce((n, b) => n + b.malformed.length, 0);
    expect(malformed([first]) + malformed(resumed.batches)).toBe(1);
  });

  it('counts a line with text PostgreSQL cannot store (NUL, an unpaired surrogate) as malformed', async () => {
    const lines = orderLines(3);
    lines[0] = { lineNumber: 1, value: { ...order(1), name: 'bad\u0000name' } };
    lines[3] = { lineNumber: 4, value: { ...order(2), email: 'x\ud800@example.com' } };
    lines[6] = { lineNumber: 7, value: { ...order(3), name: 'Zoë 😀 東京' } };
    const { batches } = await read(lines, 0, 10);
    expect(batches[0].malformed.map((m) => m.lineNumber)).toEqual([3, 6]);
    expect(batches[0].objects).toBe(1);
  });

  it('counts a line that is JSON but not an order it can read as malformed', async () => {
    const lines = orderLines(2);
    lines[3] = { lineNumber: 4, value: { ...order(2), totalPriceSet: null } };
    const { batches } = await read(lines, 0, 10);
    expect(batches[0].malformed).toEqual([
      { lineNumber: 6, reason: expect.stringContaining('not a complete object') },
    ]);
    expect(batches[0].objects).toBe(1);
  });
});
