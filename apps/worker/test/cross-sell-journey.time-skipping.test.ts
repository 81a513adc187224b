/**
 * The shipped "Cross-sell after the first order" journey (templates/journeys/cross-sell.json) with
 * its real delay under Temporal's time-skipping test server, its activities the worker's real
 * services against PostgreSQL (docs/product.md, "Products"): five days after the first order the
 * email shows what other customers bought with it, from the catalogue, in the customer's language;
 * with nothing to recommend it says so; another order during the wait ends the run. Each run's
 * history is replayed at the end (RECORD_HISTORIES=1 writes them for replay.test.ts).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { type journeyRun, runEventSignal } from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { finishRun } from './support/run-until';
import {
  between,
  DAY,
  enterRun,
  messagesOf,
  MINUTE,
  recordEvent,
  seedCustomer,
  seedJourney,
  shippedJourney,
  stepOf,
  stepsOf,
} from './support/seed';
import { useTimeSkippingStack } from './support/time-skipping-stack';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();

const finish = (handle: WorkflowHandle<typeof journeyRun>, during?: () => Promise<void>) =>
  finishRun(stack, handle, during);

let journeyId: string | undefined;
async function crossSellJourney(): Promise<string> {
  if (!journeyId) {
    const { name, definition } = shippedJourney('cross-sell');
    journeyId = await seedJourney(stack.db, name, definition);
  }
  return journeyId;
}

/** A catalogue product with one variant in stock (or not). */
async function product(id: string, title: string, inStock = true): Promise<void> {
  await stack.db.query(
    `INSERT INTO products (product_id, title, handle, url, image_url) VALUES ($1, $2, $1, $3, $4)`,
    [id, title, `https://store.example.com/products/${id}`, `https://cdn.example.com/${id}.jpg`],
  );
  await stack.db.query(
    `INSERT INTO product_variants (variant_id, product_id, price, compare_at_price, stock) VALUES ($1, $2, 24.5, 29.9, $3)`,
    [`${id}-1`, id, inStock ? 5 : 0],
  );
}

async function firstOrder(locale: string | null, productId: string) {
  const customer = await seedCustomer(stack.db, {});
  if (locale) await stack.db.query(`UPDATE customers SET locale = $2 WHERE id = $1`, [customer.id, locale]);
  const t0 = await stack.now();
  const trigger = await recordEvent(
    stack.db,
    customer.id,
    'order.placed',
    {
      orderId: `first-${customer.id}`,
      currency: 'EUR',
      totalPrice: 24.5,
      lineItems: [{ productId, variantId: `${productId}-1`, title: 'First', quantity: 1, price: 24.5 }],
    },
    t0,
  );
  const run = await enterRun(stack, {
    journeyId: await crossSellJourney(),
    customerId: customer.id,
    trigger,
  });
  return { customer, t0, ...run };
}

describe('Cross-sell after the first order (as shipped)', () => {
  beforeAll(async () => {
    await product('kettle', 'Gooseneck Kettle');
    await product('filters', 'Paper Filters');
    await product('scale', 'Coffee Scale', false);
    await product('lonely', 'Lonely Product');
    for (const [a, b, orders] of [
      ['kettle', 'filters', 4],
      ['kettle', 'scale', 9],
    ] as const) {
      await stack.db.query(
        `INSERT INTO product_pairs (product_id, other_product_id, orders) VALUES ($1, $2, $3), ($2, $1, $3)`,
        [a, b, orders],
      );
    }
  });

  it('five days after the first order: the email shows what others bought with it, in stock only', async () => {
    const { customer, t0, runId, handle } = await firstOrder(null, 'kettle');
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['settle-in', 'completed'],
      ['bought-together', 'completed'],
      ['done', 'completed'],
    ]);
    const sent = stepOf(steps, 'bought-together').finished_at;
    expect(between(t0, sent!)).toBeGreaterThanOrEqual(5 * DAY);
    expect(between(t0, sent!)).toBeLessThan(5 * DAY + MINUTE);

    const [message, ...others] = await messagesOf(stack.db, runId);
    expect(others).toEqual([]);
    expect([message.template, message.to_address, message.status]).toEqual([
      'cross-sell',
      customer.email,
      'sandboxed',
    ]);
    expect(message.subject).toBe('Goes well with your first order');
    expect(message.body_html).toContain('<img src="https://cdn.example.com/filters.jpg" alt="Paper Filters"');
    // The scale is bought with it more often, but out of stock; the kettle is what they bought.
    expect(message.body_html).not.toContain('Coffee Scale');
    expect(message.body_html).not.toContain('Gooseneck Kettle');
    await histories.keep('cross-sell-sent', handle);
  });

  it('in Turkish for a Turkish customer, and without recommendations it invites them to the store', async () => {
    const { runId, handle } = await firstOrder('tr', 'lonely');
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const [message] = await messagesOf(stack.db, runId);
    expect(message.subject).toBe('İlk siparişinize çok yakışacaklar');
    expect(message.body_html).toContain('Mağazada keşfedecek daha çok şey var.');
    expect(message.body_html).not.toContain('Sizin aldıklarınızı alan müşteriler');
    await histories.keep('cross-sell-nothing-to-recommend', handle);
  });

  it('another order during the five days ends the run: no email', async () => {
    const { customer, runId, handle } = await firstOrder(null, 'kettle');
    const result = await finish(handle, async () => {
      await stack.env.sleep(2 * DAY);
      await handle.signal(
        runEventSignal,
        await recordEvent(
          stack.db,
          customer.id,
          'order.placed',
          { orderId: 'second', totalPrice: 10 },
          await stack.now(),
        ),
      );
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });
    expect((await stepsOf(stack.db, runId)).map((s) => s.node_id)).toEqual(['trigger', 'settle-in']);
    expect(await messagesOf(stack.db, runId)).toEqual([]);
    await histories.keep('cross-sell-ordered-again', handle);
  });
});

replaysKeptHistories(histories, 3);
