/**
 * The journey library's shipped journeys (templates/journeys/*.json), published as a marketer
 * publishes them from New journey, and entered the way a store enters them: events through the
 * event API, real routing, real Temporal and the real worker, providers in sandbox. What the time-skipping tests cannot show: which events
 * start a run (trigger filters that read the customer, keyed entries, no re-entry on every product
 * view), the loyalty tier change an order produces, and the frequency cap in real time. The paths
 * of each journey are in apps/worker/test/journey-library.time-skipping.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishJourney } from './support/journeys';
import { routed as routedEvent, runsOf as runsOfJourney, sendEvent } from './support/journey-runs';
import { eventually, TestStack } from './support/test-stack';

const JOURNEYS_DIR = join(__dirname, '../../../templates/journeys');

describe('the journey library, entered through the event API', () => {
  let stack: TestStack;
  let key: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('journey-library');
    // Not loaded on first start (`loadOnFirstStart: false`): the store publishes the ones it wants.
    const loaded = await stack.query<{ seed_key: string }>(
      `SELECT seed_key FROM journeys WHERE seed_key IS NOT NULL`,
    );
    for (const file of readdirSync(JOURNEYS_DIR).filter((f) => f.endsWith('.json'))) {
      const shipped = JSON.parse(readFileSync(join(JOURNEYS_DIR, file), 'utf8'));
      if (shipped.loadOnFirstStart !== false) continue;
      expect(loaded.map((j) => j.seed_key)).not.toContain(shipped.key);
      await publishJourney(stack, shipped.name, shipped.definition);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const send = (customer: string, type: string, properties: Record<string, unknown>) =>
    sendEvent(stack, key, customer, type, properties);
  const routed = (eventId: string) => routedEvent(stack, eventId);
  const runsOf = (customer: string, journey: string) => runsOfJourney(stack, customer, journey);
  const stepsOf = (runId: string) =>
    stack.query<{ node_id: string; outcome: string; reason: string | null }>(
      `SELECT node_id, outcome, reason FROM run_steps WHERE run_id = $1 ORDER BY entered_at, node_id`,
      [runId],
    );

  /** The customer's runs of the journey, once `count` of them have stopped running (or wait at `node`). */
  async function settledRuns(customer: string, journey: string, count: number, waitingAt?: string) {
    return eventually(async () => {
      const runs = await runsOf(customer, journey);
      if (runs.length !== count) return undefined;
      for (const run of runs) {
        if (run.status !== 'running') continue;
        if (!waitingAt) return undefined;
        const steps = await stepsOf(run.id);
        if (!steps.some((s) => s.node_id === waitingAt && s.outcome === 'waiting')) return undefined;
      }
      return runs;
    }, `${count} run(s) of "${journey}" for ${customer}`);
  }

  const LAVENDER = {
    productId: '7001',
    variantId: '7001-1',
    title: 'Lavender Oil 50 ml',
    url: 'https://store.example.com/products/lavender-oil',
    image: 'https://cdn.example.com/lavender.jpg',
    price: 24.9,
  };

  it('product.back_in_stock starts "Back in stock": the email names the product', async () => {
    const eventId = await send('lib-stock-1', 'product.back_in_stock', LAVENDER);
    const [run] = await settledRuns('lib-stock-1', 'Back in stock', 1);
    expect(run).toMatchObject({ status: 'completed', trigger_event_id: eventId, entry_key: '7001' });
    const [message] = await stack.query<{ template: string; subject: string; status: string }>(
      `SELECT template, subject, status FROM messages WHERE run_id = $1`,
      [run.id],
    );
    expect(message).toEqual({
      template: 'back-in-stock',
      subject: 'Back in stock: Lavender Oil 50 ml',
      status: 'sandboxed',
    });
  });

  it('product.price_dropped starts "Price drop"; a sale of three products sends two emails, the third is capped', async () => {
    for (const n of [1, 2, 3]) {
      await send('lib-drop-1', 'product.price_dropped', {
        ...LAVENDER,
        productId: `710${n}`,
        title: `Product ${n}`,
        price: 20,
        previousPrice: 25,
        drop: 5,
      });
      // One after the other, as a catalogue update emits them: each run ends before the next starts.
      await settledRuns('lib-drop-1', 'Price drop', n);
    }
    const runs = await settledRuns('lib-drop-1', 'Price drop', 3);
    expect(runs.map((r) => [r.entry_key, r.status])).toEqual([
      ['7101', 'completed'],
      ['7102', 'completed'],
      ['7103', 'completed'],
    ]);
    const alerts = [];
    for (const run of runs) alerts.push((await stepsOf(run.id)).find((s) => s.node_id === 'price-alert'));
    expect(alerts.map((s) => s?.outcome)).toEqual(['completed', 'completed', 'skipped']);
    expect(alerts[2]?.reason).toBe(
      'skipped: frequency cap: 2 email messages in the last 24 hours (at most 2)',
    );
    const subjects = await stack.query<{ subject: string }>(
      `SELECT m.subject FROM messages m JOIN customers c ON c.id = m.customer_id
        WHERE c.external_id = 'lib-drop-1' ORDER BY m.created_at`,
    );
    expect(subjects.map((m) => m.subject)).toEqual([
      'Price drop: Product 1 is now $20.00',
      'Price drop: Product 2 is now $20.00',
    ]);
  });

  it('browse abandonment: one run however many products are viewed; a cart ends it; no new run for a week', async () => {
    const customer = 'lib-browse-1';
    // A view without the product's title or link cannot make a message: it starts nothing.
    await routed(await send(customer, 'product.viewed', { productId: '7001' }));
    const first = await send(customer, 'product.viewed', LAVENDER);
    await settledRuns(customer, 'Browse abandonment', 1, 'wait-4h');
    const second = await send(customer, 'product.viewed', {
      ...LAVENDER,
      productId: '7002',
      title: 'Rose Water',
    });
    await routed(second);
    let runs = await settledRuns(customer, 'Browse abandonment', 1, 'wait-4h');
    expect(runs.map((r) => [r.trigger_event_id, r.status])).toEqual([[first, 'running']]);

    await routed(await send(customer, 'cart.updated', { cartToken: 'c-1', totalPrice: 24.9 }));
    runs = await settledRuns(customer, 'Browse abandonment', 1);
    expect(runs.map((r) => [r.status, r.status_reason])).toEqual([['exited', 'exit rule: cart.updated']]);

    // The journey's 7-day cooldown: browsing again the same day starts nothing.
    await routed(await send(customer, 'product.viewed', LAVENDER));
    expect((await runsOf(customer, 'Browse abandonment')).length).toBe(1);
    expect(
      await stack.query(
        `SELECT m.id FROM messages m JOIN customers c ON c.id = m.customer_id WHERE c.external_id = $1`,
        [customer],
      ),
    ).toEqual([]);
  });

  it('loyalty: the first order invites, a later one does not; crossing 500 points is a tier upgrade that starts "Loyalty tier upgrade"', async () => {
    const customer = 'lib-loyal-1';
    const order = (orderId: string, totalPrice: number) =>
      send(customer, 'order.placed', { orderId, currency: 'USD', totalPrice, usedDiscount: false });

    await order('L-1', 120);
    const [invitation] = await settledRuns(customer, 'Loyalty invitation', 1, 'wait-30d');
    const [invited] = await stack.query<{ subject: string }>(
      `SELECT subject FROM messages WHERE run_id = $1`,
      [invitation.id],
    );
    expect(invited.subject).toBe('You have earned 120 points with your first order');

    await routed(await order('L-2', 450));
    const tierEvents = await eventually(async () => {
      const rows = await stack.query<{ properties: Record<string, unknown> }>(
        `SELECT e.properties FROM events e JOIN customers c ON c.id = e.customer_id
          WHERE c.external_id = $1 AND e.type = 'loyalty.tier_changed' ORDER BY e.received_at`,
        [customer],
      );
      return rows.length === 2 ? rows : undefined;
    }, 'two tier changes');
    // Joining the entry tier with the first order is a change, not an upgrade; 570 points is silver.
    expect(tierEvents.map((e) => e.properties)).toEqual([
      { from: null, to: 'bronze', points: 120, upgrade: false },
      { from: 'bronze', to: 'silver', points: 570, upgrade: true },
    ]);

    const [upgrade] = await settledRuns(customer, 'Loyalty tier upgrade', 1, 'wait-7d');
    const [coupon] = await stack.query<{ code: string }>(`SELECT code FROM coupons WHERE run_id = $1`, [
      upgrade.id,
    ]);
    expect(coupon.code).toMatch(/^VIP-/);
    const [congratulation] = await stack.query<{ subject: string; body_html: string }>(
      `SELECT subject, body_html FROM messages WHERE run_id = $1`,
      [upgrade.id],
    );
    expect(congratulation.subject).toBe('Congratulations! You have reached silver');
    expect(congratulation.body_html).toContain(coupon.code);
    // The second order is no first order: still the one invitation.
    expect((await runsOf(customer, 'Loyalty invitation')).length).toBe(1);
  });
});
