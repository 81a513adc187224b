/**
 * The order updates, post-purchase feedback and birthday journeys (templates/journeys/*.json),
 * exactly as shipped and with their real waits, under Temporal's time-skipping test server, with
 * the worker's real activities against this file's database and sandboxed providers (as
 * shipped-journeys.time-skipping.test.ts does for the first four).
 *
 * Order updates are transactional: sent without marketing consent, never capped, never deferred
 * by quiet hours (the tests give the journey an all-day quiet window and caps of one message to be
 * sure), but not to an address that hard-bounced or a number that sent STOP. The post-purchase
 * survey's low score calls the store's webhook (a local HTTP server here, answering 503 once to
 * show the retry), a high one asks for a review. Each run's history is replayed at the end and,
 * with RECORD_HISTORIES=1, written to workflows/test/histories/ for replay.test.ts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import type { JourneyDefinition } from '@waypoint/journey';
import { type journeyRun, runEventSignal, runStateQuery } from '@waypoint/workflows';
import { webhookSignature } from '../src/activities/webhook.activities';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { expectAfter } from './support/shipped-runs';
import { finishRun } from './support/run-until';
import {
  between,
  couponsOf,
  DAY,
  enterRun,
  eventually,
  HOUR,
  linkTargets,
  messagesOf,
  recordEvent,
  runRowOf,
  seedCustomer,
  seedJourney,
  shippedJourney,
  stepOf,
  stepsOf,
  untracked,
  type CustomerSeed,
} from './support/seed';
import { useTimeSkippingStack } from './support/time-skipping-stack';
import { localHourIn, nextLocalHour, zoneWithLocalHour } from './support/zones';

jest.setTimeout(90_000);

const WEBHOOK_SECRET = 'order-journeys-webhook-secret';
const REVIEW_URL = 'https://store.example.com/pages/reviews';
process.env.WEBHOOK_SIGNING_SECRET = WEBHOOK_SECRET;
process.env.STORE_REVIEW_URL = REVIEW_URL;

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();
const finish = (handle: WorkflowHandle<typeof journeyRun>, during?: () => Promise<void>) =>
  finishRun(stack, handle, during);

const TRACKING = 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345A67890123456';
const LINE_ITEMS = [
  {
    productId: '632910392',
    variantId: '808950810',
    sku: 'COFFEE-1KG',
    title: 'Organic Coffee 1 kg',
    variantTitle: 'Whole bean',
    quantity: 2,
    price: 19.9,
  },
];
let orders = 0;
const nextOrderId = () => `56012398${String(++orders).padStart(5, '0')}`;

/** The events as the Shopify mappers make them (orders/create, fulfillments/create|update). */
const placed = (orderId: string) => ({
  orderId,
  orderName: '#1001',
  currency: 'EUR',
  totalPrice: 39.8,
  lineItems: LINE_ITEMS,
  itemCount: 2,
});
const shipped = (orderId: string) => ({
  orderId,
  fulfillmentId: `48${orderId}`,
  fulfillmentName: '#1001.1',
  trackingUrl: TRACKING,
  trackingNumber: '1Z2345A67890123456',
  carrier: 'UPS',
  shipmentStatus: null,
  lineItems: LINE_ITEMS,
  itemCount: 2,
});
const delivered = (orderId: string, at: Date) => ({
  orderId,
  fulfillmentId: `48${orderId}`,
  fulfillmentName: '#1001.1',
  deliveredAt: at.toISOString(),
  trackingNumber: '1Z2345A67890123456',
  carrier: 'UPS',
});

async function signalEvent(
  handle: WorkflowHandle<typeof journeyRun>,
  customerId: string,
  type: string,
  properties: Record<string, unknown>,
) {
  const event = await recordEvent(stack.db, customerId, type, properties, await stack.now());
  await handle.signal(runEventSignal, event);
  return event;
}

/** A consent change as the delivery webhooks and STOP record it: the current row and its history. */
async function suppress(customerId: string, channel: 'email' | 'sms', source: string) {
  await stack.db.query(
    `INSERT INTO customer_consents (customer_id, channel, status, source) VALUES ($1, $2, 'opted_out', $3)
     ON CONFLICT (customer_id, channel) DO UPDATE SET status = 'opted_out', source = EXCLUDED.source`,
    [customerId, channel, source],
  );
  await stack.db.query(
    `INSERT INTO consent_history (customer_id, channel, status, source) VALUES ($1, $2, 'opted_out', $3)`,
    [customerId, channel, source],
  );
}

describe('Order updates (as shipped)', () => {
  const shippedDefinition = shippedJourney('order-updates').definition;
  let journeyId: string;
  /** The shipped journey with an all-day SMS/email quiet window and caps of one per day: none may apply. */
  let strictJourneyId: string;

  beforeAll(async () => {
    journeyId = await seedJourney(stack.db, 'Order updates', shippedDefinition);
    const strict: JourneyDefinition = {
      ...shippedDefinition,
      settings: {
        ...shippedDefinition.settings,
        quietHours: { email: { start: '00:00', end: '23:59' }, sms: { start: '00:00', end: '23:59' } },
        frequencyCap: [
          { channel: 'sms', max: 1, per: '24h' },
          { channel: 'email', max: 1, per: '24h' },
        ],
      },
    };
    strictJourneyId = await seedJourney(stack.db, 'Order updates (strict settings)', strict);
  });

  async function enterOrder(seed: CustomerSeed, journey: string) {
    const customer = await seedCustomer(stack.db, seed);
    const orderId = nextOrderId();
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'order.placed',
      placed(orderId),
      await stack.now(),
    );
    const run = await enterRun(stack, {
      journeyId: journey,
      customerId: customer.id,
      trigger,
      entryKey: orderId,
    });
    return { customer, orderId, ...run };
  }

  it('received, shipped with the tracking link, delivered: without marketing consent, through quiet hours and caps, only on this order’s events', async () => {
    const { customer, orderId, runId, handle } = await enterOrder(
      { consents: { email: 'opted_out', sms: 'opted_out' } },
      strictJourneyId,
    );
    await stack.db.query(`UPDATE customers SET locale = 'tr' WHERE id = $1`, [customer.id]);
    let shipment = '';
    const result = await finish(handle, async () => {
      await eventually(async () =>
        expect(stepOf(await stepsOf(stack.db, runId), 'wait-shipped').outcome).toBe('waiting'),
      );
      await stack.env.sleep(HOUR);
      // Another order of theirs ships first: this run does not hear it.
      await signalEvent(handle, customer.id, 'order.shipped', shipped(nextOrderId()));
      await stack.env.sleep(HOUR);
      expect(await handle.query(runStateQuery)).toMatchObject({
        currentNodeId: 'wait-shipped',
        stopped: null,
      });
      shipment = (await signalEvent(handle, customer.id, 'order.shipped', shipped(orderId))).id;
      await eventually(async () =>
        expect(stepOf(await stepsOf(stack.db, runId), 'wait-delivered').outcome).toBe('waiting'),
      );
      await stack.env.sleep(2 * DAY);
      await signalEvent(handle, customer.id, 'order.delivered', delivered(nextOrderId(), await stack.now()));
      await stack.env.sleep(HOUR);
      expect(await handle.query(runStateQuery)).toMatchObject({ currentNodeId: 'wait-delivered' });
      await signalEvent(handle, customer.id, 'order.delivered', delivered(orderId, await stack.now()));
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome, s.branch])).toEqual([
      ['trigger', 'completed', null],
      ['received-email', 'completed', null],
      ['received-sms', 'completed', null],
      ['wait-shipped', 'completed', 'event'],
      ['shipped-email', 'completed', null],
      ['shipped-sms', 'completed', null],
      ['wait-delivered', 'completed', 'event'],
      ['delivered-email', 'completed', null],
      ['done', 'completed', null],
    ]);
    // Sent at once: no quiet-hours deferral, no cap, no consent check.
    for (const node of [
      'received-email',
      'received-sms',
      'shipped-email',
      'shipped-sms',
      'delivered-email',
    ]) {
      const step = stepOf(steps, node);
      expect(step.reason).toMatch(/^sandbox: /);
      expect(step.reason).not.toContain('deferred');
      expect(step.wake_at).toBeNull();
    }
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'received-sms').finished_at, 0);
    expect(stepOf(steps, 'wait-shipped').detail).toEqual({ eventId: shipment });
    // The second SMS within the hour: a marketing one would have been capped (1 per 24 h) and deferred.
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'shipped-sms').finished_at, 2 * HOUR);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['received-email', 'email', 'order-received', customer.email, 'sandboxed'],
      ['received-sms', 'sms', 'order-received', customer.phone, 'sandboxed'],
      ['shipped-email', 'email', 'order-shipped', customer.email, 'sandboxed'],
      ['shipped-sms', 'sms', 'order-shipped', customer.phone, 'sandboxed'],
      ['delivered-email', 'email', 'order-delivered', customer.email, 'sandboxed'],
    ]);
    const [received, receivedSms, shippedEmail, shippedSms, deliveredEmail] = messages;
    // In the customer's language, without the marketing unsubscribe headers.
    expect(received.subject).toBe('Siparişiniz alındı (#1001)');
    expect(received.body_html).toContain('Organic Coffee 1 kg (Whole bean) × 2');
    expect(received.headers).toEqual({});
    expect(await untracked(stack.db, receivedSms.body_text)).toBe(
      'Waypoint Store: teşekkürler Ada! #1001 numaralı siparişinizi aldık, kargoya verince haber vereceğiz. İptal için RET yazın',
    );
    expect(shippedEmail.subject).toBe('Siparişiniz yola çıktı');
    expect(await linkTargets(stack.db, shippedEmail.body_html ?? '')).toContain(TRACKING);
    expect(await untracked(stack.db, shippedSms.body_text)).toBe(
      `Waypoint Store: siparişiniz UPS ile kargoya verildi. Takip: ${TRACKING} İptal için RET yazın`,
    );
    expect(deliveredEmail.subject).toBe('Siparişiniz teslim edildi');
    await histories.keep('order-updates-delivered', handle);
  });

  it('a hard bounce or a STOP still stops them; another order’s cancellation does not end the run, its own does', async () => {
    const { customer, orderId, runId, handle } = await enterOrder(
      { consents: { sms: 'opted_in' } },
      journeyId,
    );
    await suppress(customer.id, 'email', 'sendgrid:bounce');
    await suppress(customer.id, 'sms', 'inbound:STOP');
    const result = await finish(handle, async () => {
      await stack.env.sleep(DAY);
      await signalEvent(handle, customer.id, 'order.cancelled', { orderId: nextOrderId() });
      await stack.env.sleep(HOUR);
      expect(await handle.query(runStateQuery)).toMatchObject({
        currentNodeId: 'wait-shipped',
        stopped: null,
      });
      await signalEvent(handle, customer.id, 'order.cancelled', { orderId });
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.cancelled' });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['received-email', 'skipped'],
      ['received-sms', 'skipped'],
      ['wait-shipped', 'completed'],
    ]);
    expect(stepOf(steps, 'received-email').reason).toMatch(
      /^skipped: the address hard-bounced on \d{4}-\d\d-\d\d \(even transactional messages are not sent\)$/,
    );
    expect(stepOf(steps, 'received-sms').reason).toMatch(
      /^skipped: the customer replied STOP on \d{4}-\d\d-\d\d \(even transactional messages are not sent\)$/,
    );
    expect(stepOf(steps, 'wait-shipped').reason).toBe('ended during the wait (exit rule: order.cancelled)');
    expect(await messagesOf(stack.db, runId)).toEqual([]);
    expect(await runRowOf(stack.db, runId)).toMatchObject({ status: 'exited' });
    await histories.keep('order-updates-cancelled', handle);
  });

  it('an order that never ships: the run ends after 30 days with the received messages only', async () => {
    const { customer, runId, handle } = await enterOrder({}, journeyId);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.branch])).toEqual([
      ['trigger', null],
      ['received-email', null],
      ['received-sms', null],
      ['wait-shipped', 'timeout'],
      ['done', null],
    ]);
    const wait = stepOf(steps, 'wait-shipped');
    expect(wait.reason).toBe('no order.shipped within 30 days');
    expect(between(wait.entered_at, wait.wake_at!)).toBe(30 * DAY);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.channel, m.to_address])).toEqual([
      ['order-received', 'email', customer.email],
      ['order-received', 'sms', customer.phone],
    ]);
    expect(messages[0].subject).toBe('We received your order #1001');
    await histories.keep('order-updates-never-shipped', handle);
  });
});

/** The store's alert endpoint: answers 503 to the first request, then 200. */
interface AlertServer {
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: string }>;
  failFirst: number;
  close(): Promise<void>;
}

async function startAlertServer(): Promise<AlertServer> {
  const requests: AlertServer['requests'] = [];
  const state = { failFirst: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.statusCode = requests.length <= state.failFirst ? 503 : 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/waypoint/low-satisfaction`,
    requests,
    get failFirst() {
      return state.failFirst;
    },
    set failFirst(n: number) {
      state.failFirst = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Post-purchase feedback (as shipped)', () => {
  let journeyId: string;
  let alerts: AlertServer;

  beforeAll(async () => {
    alerts = await startAlertServer();
    const { name, definition } = shippedJourney('post-purchase-feedback');
    // The store sets its own alert URL; here, the local server.
    const nodes = definition.nodes.map((n) =>
      n.id === 'alert-store' && n.type === 'action.webhook'
        ? { ...n, data: { ...n.data, url: alerts.url } }
        : n,
    );
    journeyId = await seedJourney(stack.db, name, { ...definition, nodes });
  });

  afterAll(async () => {
    await alerts?.close();
  });

  async function enterFeedback() {
    const customer = await seedCustomer(stack.db, {});
    const orderId = nextOrderId();
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'order.delivered',
      delivered(orderId, await stack.now()),
      await stack.now(),
    );
    const run = await enterRun(stack, { journeyId, customerId: customer.id, trigger, entryKey: orderId });
    return { customer, orderId, ...run };
  }

  /** A click on an answer link, as the hosted survey page records it. */
  const answer = (
    handle: WorkflowHandle<typeof journeyRun>,
    customerId: string,
    runId: string,
    nodeId: string,
    score: string,
  ) =>
    signalEvent(handle, customerId, 'survey.answered', {
      survey: 'satisfaction',
      question: 'How satisfied are you with your order?',
      answer: score,
      comment: null,
      runId,
      nodeId,
    });

  it('3 days after delivery the survey; a 2 calls the store’s webhook, signed, retried after a 503', async () => {
    alerts.failFirst = 1;
    const { customer, orderId, runId, handle } = await enterFeedback();
    const result = await finish(handle, async () => {
      await stack.env.sleep(3 * DAY + HOUR);
      await eventually(async () => expect(await messagesOf(stack.db, runId)).toHaveLength(1));
      await answer(handle, customer.id, runId, 'survey', '2');
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome, s.branch])).toEqual([
      ['trigger', 'completed', null],
      ['wait-3d', 'completed', null],
      ['survey', 'completed', null],
      ['wait-answer', 'completed', 'event'],
      ['score', 'completed', 'low'],
      ['alert-store', 'completed', null],
      ['done', 'completed', null],
    ]);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'survey').finished_at, 3 * DAY);
    expect(stepOf(steps, 'score').reason).toMatch(/→ took 'Unhappy \(1-2\)'$/);
    expect(stepOf(steps, 'alert-store').reason).toBe(`POST ${alerts.url} answered 200`);

    const [survey] = await messagesOf(stack.db, runId);
    expect([survey.template, survey.subject]).toEqual(['feedback-survey', 'How was your order?']);
    const surveyLinks = (await linkTargets(stack.db, survey.body_html ?? '')).filter((url) =>
      url.includes('/s/'),
    );
    expect(surveyLinks).toHaveLength(5); // one per score, 1 to 5

    // The first call was refused (503) and retried; both carry the same delivery id and a valid signature.
    expect(alerts.requests).toHaveLength(2);
    for (const { headers, body } of alerts.requests) {
      expect(headers['x-waypoint-delivery']).toBe(`${runId}:alert-store:1`);
      const t = Number(/^t=(\d+),/.exec(String(headers['x-waypoint-signature']))?.[1]);
      expect(headers['x-waypoint-signature']).toBe(webhookSignature(WEBHOOK_SECRET, t, body));
      const sent = JSON.parse(body);
      expect(sent).toMatchObject({
        runId,
        nodeId: 'alert-store',
        customer: { id: customer.id, email: customer.email },
        event: { type: 'order.delivered', properties: { orderId } },
      });
    }
    alerts.requests.length = 0;
    await histories.keep('post-purchase-feedback-low-score', handle);
  });

  it('no answer in 4 days: the reminder; a 5 then asks for a review on the store’s review page', async () => {
    alerts.failFirst = 0;
    const { customer, runId, handle } = await enterFeedback();
    const result = await finish(handle, async () => {
      await stack.env.sleep(7 * DAY + HOUR);
      await eventually(async () => expect(await messagesOf(stack.db, runId)).toHaveLength(2));
      await answer(handle, customer.id, runId, 'survey-reminder', '5');
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.branch])).toEqual([
      ['trigger', null],
      ['wait-3d', null],
      ['survey', null],
      ['wait-answer', 'timeout'],
      ['survey-reminder', null],
      ['wait-answer-again', 'event'],
      ['score', 'high'],
      ['review-request', null],
      ['done', null],
    ]);
    expect(stepOf(steps, 'wait-answer').reason).toBe('no survey.answered within 4 days');
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'survey-reminder').finished_at, 7 * DAY);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.template, m.to_address])).toEqual([
      ['survey', 'feedback-survey', customer.email],
      ['survey-reminder', 'feedback-survey-reminder', customer.email],
      ['review-request', 'review-request', customer.email],
    ]);
    expect(messages[2].subject).toBe('Thank you! Would you share it in a review?');
    expect(await linkTargets(stack.db, messages[2].body_html ?? '')).toContain(REVIEW_URL);
    expect(alerts.requests).toEqual([]);
    await histories.keep('post-purchase-feedback-review', handle);
  });

  it('a 3 takes neither branch: no alert, no review request', async () => {
    const { customer, runId, handle } = await enterFeedback();
    const result = await finish(handle, async () => {
      await stack.env.sleep(3 * DAY + HOUR);
      await eventually(async () => expect(await messagesOf(stack.db, runId)).toHaveLength(1));
      await answer(handle, customer.id, runId, 'survey', '3');
    });
    expect(result).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual([
      'trigger',
      'wait-3d',
      'survey',
      'wait-answer',
      'score',
      'done',
    ]);
    expect(stepOf(steps, 'score').branch).toBe('else');
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['feedback-survey']);
    expect(alerts.requests).toEqual([]);
    await histories.keep('post-purchase-feedback-neutral', handle);
  });

  it('never answered: the survey, the reminder, and the run ends 7 days later', async () => {
    const { runId, handle } = await enterFeedback();
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.branch])).toEqual([
      ['trigger', null],
      ['wait-3d', null],
      ['survey', null],
      ['wait-answer', 'timeout'],
      ['survey-reminder', null],
      ['wait-answer-again', 'timeout'],
      ['done', null],
    ]);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'done').finished_at, 14 * DAY);
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual([
      'feedback-survey',
      'feedback-survey-reminder',
    ]);
    await histories.keep('post-purchase-feedback-unanswered', handle);
  });
});

describe('Birthday gift (as shipped)', () => {
  let journeyId: string;

  beforeAll(async () => {
    const { name, definition } = shippedJourney('birthday');
    journeyId = await seedJourney(stack.db, name, definition);
  });

  /** The daily sweep's event for a birthday coming round (libs/data birthday.queries.ts). */
  async function enterBirthday(localHourNow: number) {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(t0, localHourNow);
    const customer = await seedCustomer(stack.db, {
      timezone: zone.zone,
      attributes: { birthday: '1990-03-06' },
    });
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'date.reached',
      { attribute: 'birthday', date: '2027-03-06', year: 2027 },
      t0,
    );
    const run = await enterRun(stack, { journeyId, customerId: customer.id, trigger });
    return { customer, zone, ...run };
  }

  it('announced the evening before: the gift and the email at 10:00 the next morning in their zone', async () => {
    const { customer, zone, runId, handle } = await enterBirthday(20);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['morning', 'completed'],
      ['gift', 'completed'],
      ['birthday-email', 'completed'],
      ['done', 'completed'],
    ]);
    const trigger = stepOf(steps, 'trigger');
    expect(trigger.reason).toBe('entered on date.reached');
    expect([20, 21]).toContain(localHourIn(zone, trigger.entered_at));
    const morning = stepOf(steps, 'morning');
    expect(morning.wake_at).toEqual(nextLocalHour(zone, trigger.entered_at, 10));
    expect(between(trigger.entered_at, morning.wake_at!)).toBeGreaterThan(12 * HOUR);
    expect(localHourIn(zone, stepOf(steps, 'birthday-email').finished_at!)).toBe(10);

    const [coupon] = await couponsOf(stack.db, runId);
    expect(coupon.code).toMatch(/^BDAY-[A-HJ-NP-Z2-9]{8}$/);
    expect(coupon).toMatchObject({ kind: 'percent', value: '15' });
    expectAfter(stepOf(steps, 'gift').entered_at, coupon.expires_at, 7 * DAY);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.to_address])).toEqual([['birthday', customer.email]]);
    expect(messages[0].subject).toBe('Happy birthday, Ada! A gift from us');
    expect(messages[0].body_html).toContain(coupon.code);
    expect(messages[0].body_html).toContain('15% off');
    await histories.keep('birthday-next-morning', handle);
  });

  it('announced early on the day: the email at 10:00 that same morning', async () => {
    const { zone, runId, handle } = await enterBirthday(7);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    const morning = stepOf(steps, 'morning');
    expect(between(stepOf(steps, 'trigger').entered_at, morning.wake_at!)).toBeLessThanOrEqual(3 * HOUR);
    expect(localHourIn(zone, morning.wake_at!)).toBe(10);
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['birthday']);
    await histories.keep('birthday-same-morning', handle);
  });
});

replaysKeptHistories(histories, { atLeast: 9 });
