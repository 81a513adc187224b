/**
 * Known data for the store dashboard (docs/product.md, "Dashboard"), shared by the API test and the
 * browser test: customers and orders through the event API (so their stages and spend are the
 * product's own), two journeys published through the API, and the runs, messages, conversions and
 * consent changes the engine would have written, inserted as rows (a journey would take minutes to
 * produce them through Temporal and the provider stubs, and the dashboard only reads them).
 */
import { couponWaitEmail, publishJourney } from './journeys';
import type { TestStack } from './test-stack';

const DAY = 86_400_000;

/** The orders sent, by customer: [customer, orderId, total, days ago]. */
const ORDERS: Array<[string, string, number, number]> = [
  ['dash-a', 'A1', 100, 2],
  ['dash-a', 'A2', 50, 1],
  ['dash-b', 'B1', 200, 3], // cancelled below
  ['dash-b', 'B2', 300, 10],
  ['dash-c', 'C1', 1200, 40], // outside 30 days
  ['dash-e', 'E1', 80, 1], // earned by no journey
];

/** What the dashboard must answer for this data (rates as fractions). */
export const DASHBOARD_EXPECTED = {
  days30: {
    revenue: 530, // A1 + A2 + B2 + E1 (A1 sent twice counts once; B1 cancelled; C1 too old)
    attributedRevenue: 450, // A2 + B2 for Win-back, A1 for Welcome
    stages: {
      lead: { customers: 1, totalSpent: 0, averageSpent: 0 },
      first_time: { customers: 2, totalSpent: 380, averageSpent: 190 },
      repeat: { customers: 1, totalSpent: 150, averageSpent: 150 },
      loyal: { customers: 0, totalSpent: 0, averageSpent: 0 },
      vip: { customers: 1, totalSpent: 1200, averageSpent: 1200 },
      at_risk: { customers: 0, totalSpent: 0, averageSpent: 0 },
      inactive: { customers: 0, totalSpent: 0, averageSpent: 0 },
    },
    topJourneys: [
      { name: 'Dashboard win-back', conversions: 2, revenue: 350, recipients: 2, revenuePerRecipient: 175 },
      { name: 'Dashboard welcome', conversions: 1, revenue: 100, recipients: 1, revenuePerRecipient: 100 },
    ],
    email: { sent: 3, delivered: 2, bounced: 1, unsubscribes: 1, bounceRate: 1 / 3, unsubscribeRate: 1 / 3 },
    sms: { sent: 1, delivered: 1, bounced: 0, unsubscribes: 0, bounceRate: 0, unsubscribeRate: 0 },
  },
  days7: {
    revenue: 230, // A1 + A2 + E1
    attributedRevenue: 150, // A2, A1
    email: { sent: 2, delivered: 2, bounced: 0 },
  },
};

export interface DashboardData {
  /** When each order was placed, by order id (for the per-day figures). */
  placedAt: Record<string, Date>;
}

export async function seedDashboard(stack: TestStack, now = Date.now()): Promise<DashboardData> {
  const key = await stack.apiKey('dashboard');
  const send = async (body: Record<string, unknown>) => {
    const res = await stack.request('POST', '/v1/events', body, { authorization: `Bearer ${key}` });
    if (res.status >= 300) throw new Error(`event refused: ${JSON.stringify(res.body)}`);
  };
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const placedAt: Record<string, Date> = {};
  for (const [customer, orderId, total, daysAgo] of ORDERS) {
    placedAt[orderId] = at(daysAgo);
    await send({
      type: 'order.placed',
      customer: { id: customer, email: `${customer}@shop.example` },
      properties: { orderId, totalPrice: total, usedDiscount: false },
      timestamp: at(daysAgo).toISOString(),
      idempotencyKey: `dashboard-${orderId}`,
    });
  }
  // The same order reported twice (another delivery of the webhook) counts once.
  await send({
    type: 'order.placed',
    customer: { id: 'dash-a', email: 'dash-a@shop.example' },
    properties: { orderId: 'A1', totalPrice: 100, usedDiscount: false },
    timestamp: at(2).toISOString(),
    idempotencyKey: 'dashboard-A1-again',
  });
  await send({
    type: 'order.cancelled',
    customer: { id: 'dash-b', email: 'dash-b@shop.example' },
    properties: { orderId: 'B1' },
    timestamp: at(2.5).toISOString(),
    idempotencyKey: 'dashboard-B1-cancelled',
  });
  // A customer who never ordered: a lead.
  await send({
    type: 'newsletter.viewed',
    customer: { id: 'dash-d', email: 'dash-d@shop.example' },
    properties: {},
    idempotencyKey: 'dashboard-d-viewed',
  });

  const winBack = await publishJourney(stack, 'Dashboard win-back', couponWaitEmail('dashboard.never', '1d'));
  const welcome = await publishJourney(stack, 'Dashboard welcome', couponWaitEmail('dashboard.never', '1d'));

  const customers = Object.fromEntries(
    (await stack.query<{ id: string; external_id: string }>(`SELECT id, external_id FROM customers`)).map(
      (c) => [c.external_id, c.id],
    ),
  );
  const orderEvent = async (orderId: string) =>
    (
      await stack.query<{ id: string }>(
        `SELECT id FROM events WHERE type = 'order.placed' AND properties ->> 'orderId' = $1 ORDER BY received_at LIMIT 1`,
        [orderId],
      )
    )[0].id;
  const run = async (journeyId: string, customer: string) =>
    (
      await stack.query<{ id: string }>(
        `INSERT INTO runs (journey_id, journey_version, customer_id, entry_key, workflow_id, status)
         VALUES ($1, 1, $2, '', 'dashboard-' || gen_random_uuid(), 'completed') RETURNING id`,
        [journeyId, customers[customer]],
      )
    )[0].id;
  const message = async (
    runId: string | null,
    customer: string | null,
    channel: string,
    sentDaysAgo: number,
    delivery: { status: string; delivery?: string; bounced?: boolean; test?: boolean },
  ) => {
    await stack.query(
      `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, status, provider,
                             sent_at, delivery_status, delivered_at, opened_at, bounced_at, test)
       VALUES ($1, $2, 1, $3, $4, 'welcome', 'someone@shop.example', $5, 'stub', $6, $7,
               CASE WHEN $7 IN ('delivered', 'opened') THEN $6::timestamptz END,
               CASE WHEN $7 = 'opened' THEN $6::timestamptz END,
               CASE WHEN $8 THEN $6::timestamptz END, $9)`,
      [
        runId,
        `${channel}-${Math.random().toString(36).slice(2)}`,
        customer ? customers[customer] : null,
        channel,
        delivery.status,
        at(sentDaysAgo),
        delivery.delivery ?? null,
        delivery.bounced ?? false,
        delivery.test ?? false,
      ],
    );
  };
  const conversion = async (
    runId: string,
    journeyId: string,
    orderId: string,
    revenue: number,
    daysAgo: number,
  ) =>
    stack.query(
      `INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, currency, converted_at)
       VALUES ($1, $2, $3, $4, 'TRY', $5)`,
      [runId, journeyId, await orderEvent(orderId), revenue, at(daysAgo)],
    );

  const r1 = await run(winBack, 'dash-a');
  const r2 = await run(winBack, 'dash-b');
  const r3 = await run(welcome, 'dash-a');
  const r4 = await run(welcome, 'dash-c');
  await message(r1, 'dash-a', 'email', 1.5, { status: 'sent', delivery: 'delivered' });
  await message(r2, 'dash-b', 'email', 11, { status: 'sent', delivery: 'bounced', bounced: true });
  await message(r2, 'dash-b', 'sms', 11, { status: 'sent', delivery: 'delivered' });
  await message(r3, 'dash-a', 'email', 2.5, { status: 'sent', delivery: 'opened' });
  await message(r3, 'dash-a', 'sms', 2.5, { status: 'failed' }); // never handed over
  await message(r4, 'dash-c', 'email', 41, { status: 'sent', delivery: 'delivered' }); // too old
  await message(null, null, 'email', 1, { status: 'sent', delivery: 'delivered', test: true }); // a test send
  await conversion(r1, winBack, 'A2', 50, 1);
  await conversion(r2, winBack, 'B2', 300, 10);
  await conversion(r3, welcome, 'A1', 100, 2);
  await conversion(r4, welcome, 'C1', 1200, 40); // too old
  await stack.query(
    `INSERT INTO consent_history (customer_id, channel, status, source, recorded_at) VALUES
       ($1, 'email', 'opted_out', 'unsubscribe_link', $3),
       ($2, 'email', 'opted_out', 'unsubscribe_link', $4),
       ($2, 'sms', 'opted_in', 'checkout', $3)`,
    [customers['dash-b'], customers['dash-a'], at(1), at(45)],
  );
  return { placedAt };
}
