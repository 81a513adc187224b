/**
 * Preview = real path (docs/product.md, "Preview"): for the same data, the journey preview
 * (libs/run-decisions' JourneyPreviewer, built from the worker's own decision services) and a real
 * run of the same customer under Temporal's time-skipping server take the same nodes, the same
 * outputs, the same outcomes and record the same reasons and wake-up times. The preview is taken
 * first, at the server's clock, and must write nothing; then the run is entered and finished.
 */
import { randomUUID } from 'node:crypto';
import type { JourneyPreview } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import type { JourneyDefinitionInput, RunEvent } from '@waypoint/journey';
import { BranchDecider, JourneyPreviewer, RunTiming, SendChecks } from '@waypoint/run-decisions';
import { pickArm, splitBucket } from '@waypoint/workflows';
import { finishRun } from './support/run-until';
import {
  DAY,
  enterRun,
  messagesOf,
  MINUTE,
  recordEvent,
  seedCustomer,
  seedRun,
  seedJourney,
  shippedJourney,
  stepsOf,
  type CustomerSeed,
  type StepRow,
} from './support/seed';
import { useTimeSkippingStack } from './support/time-skipping-stack';
import { zoneWithLocalHour } from './support/zones';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();

/** Activities take moments; the run starts a little after the preview's "now". */
const SLACK = MINUTE;

const SEND_TYPES = ['send.email', 'send.sms', 'send.whatsapp'];

function previewer(): JourneyPreviewer {
  const app = stack.app;
  return new JourneyPreviewer(
    app.get(BranchDecider),
    app.get(RunTiming),
    app.get(SendChecks),
    app.get(StoreProfileReader),
  );
}

async function rowCounts(): Promise<Record<string, number>> {
  const res = await stack.db.query(
    `SELECT (SELECT count(*) FROM runs)::int AS runs, (SELECT count(*) FROM run_steps)::int AS steps,
            (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM coupons)::int AS coupons,
            (SELECT count(*) FROM tracked_links)::int AS links`,
  );
  return res.rows[0];
}

interface Scenario {
  definition: JourneyDefinitionInput;
  customer: CustomerSeed;
  trigger: { type: string; properties: Record<string, unknown> };
  entryKey?: string;
  runId?: string;
  /** What else the customer has done, before the preview (e.g. a message of another journey). */
  history?: (customerId: string, now: Date) => Promise<void>;
}

/** Previews, then runs for real; answers both for the assertions. */
async function previewThenRun(scenario: Scenario) {
  const journeyId = await seedJourney(stack.db, `preview ${randomUUID()}`, scenario.definition);
  const customer = await seedCustomer(stack.db, scenario.customer);
  const now = await stack.now();
  await scenario.history?.(customer.id, now);
  const trigger: RunEvent = await recordEvent(
    stack.db,
    customer.id,
    scenario.trigger.type,
    scenario.trigger.properties,
    now,
  );
  const runId = scenario.runId ?? randomUUID();
  const before = await rowCounts();
  const definition = (
    await stack.db.query(`SELECT definition FROM journey_versions WHERE journey_id = $1`, [journeyId])
  ).rows[0].definition;
  const preview = await previewer().preview({
    journeyId,
    version: 1,
    definition,
    customerId: customer.id,
    triggerEvent: trigger,
    eventGiven: false,
    splitSeed: runId,
    now,
  });
  expect(await rowCounts()).toEqual(before); // nothing written

  const { handle } = await enterRun(stack, {
    journeyId,
    customerId: customer.id,
    trigger,
    entryKey: scenario.entryKey,
    runId,
  });
  const result = await finishRun(stack, handle);
  return { preview, result, steps: await stepsOf(stack.db, runId), runId, customer };
}

/** Node by node: the same path, outputs, outcomes, reasons (sends: the same skip reason, or sent) and wake-ups. */
function expectSamePath(preview: JourneyPreview, steps: StepRow[]): void {
  expect(preview.end).toEqual({ status: 'completed', reason: null });
  expect(preview.steps.map((s) => [s.nodeId, s.visit, s.outcome, s.branch])).toEqual(
    steps.map((s) => [s.node_id, s.visit, s.outcome, s.branch]),
  );
  preview.steps.forEach((p, i) => {
    const real = steps[i];
    const isSend = SEND_TYPES.includes(p.nodeType);
    if (isSend && p.outcome === 'completed') {
      expect(p.reason).toMatch(/^would send /);
      expect(real.reason).toMatch(/^sandbox: /);
      const deferral = / \(deferred: [^)]+\)$/.exec(p.reason)?.[0] ?? null;
      expect(/ \(deferred: [^)]+\)$/.exec(real.reason ?? '')?.[0] ?? null).toBe(deferral);
    } else if (p.nodeType !== 'action.coupon') {
      expect(p.reason).toBe(real.reason);
    }
    if (p.wakeAt === null) expect(real.wake_at).toBeNull();
    else expect(Math.abs(Date.parse(p.wakeAt) - (real.wake_at as Date).getTime())).toBeLessThan(SLACK);
  });
}

describe('Preview = real path: welcome coupon (as shipped)', () => {
  const welcome = (customer: CustomerSeed): Scenario => ({
    definition: shippedJourney('welcome-coupon').definition,
    customer,
    trigger: { type: 'customer.created', properties: { source: 'shopify' } },
  });

  it('without SMS consent: the reminder by email, with the rendered subjects the run sends', async () => {
    const { preview, result, steps, runId } = await previewThenRun(welcome({ timezone: 'Europe/Berlin' }));
    expect(result.status).toBe('completed');
    expectSamePath(preview, steps);
    expect(preview.steps.find((s) => s.nodeId === 'channel')?.reason).toBe(
      "consent.sms is not set → took 'else'",
    );
    const messages = await messagesOf(stack.db, runId);
    const shown = preview.steps.filter((s) => s.message).map((s) => s.message);
    expect(shown.map((m) => [m?.channel, m?.to, m?.subject])).toEqual(
      messages.map((m) => [m.channel, m.to_address, m.subject]),
    );
    // The wait ends 3 days on, and the preview says when in the customer's zone.
    const wait = preview.steps.find((s) => s.nodeId === 'wait-3d');
    expect(wait?.wakeAtLocal).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d Europe\/Berlin$/);
  });

  it('with SMS consent and the reminder due in quiet hours: the SMS is deferred to 08:00 in their zone, in both', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 3 * DAY), 23);
    const { preview, steps, customer } = await previewThenRun(
      welcome({ timezone: zone.zone, consents: { sms: 'opted_in' } }),
    );
    expectSamePath(preview, steps);
    const sms = preview.steps.find((s) => s.nodeId === 'sms-reminder');
    expect(sms?.reason).toBe(
      `would send SMS to ${customer.phone} (deferred: quiet hours until 08:00 ${zone.zone})`,
    );
    expect(sms?.wakeAtLocal).toMatch(/ 08:00 /);
    expect(sms?.message?.text).toContain('your welcome code WELCOME-PREVIEW is still waiting');
  });

  it('with SMS consent but no phone number: the SMS is skipped for the missing number, in both', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 3 * DAY), 12);
    const { preview, steps } = await previewThenRun(
      welcome({ timezone: zone.zone, phone: null, consents: { sms: 'opted_in' } }),
    );
    expectSamePath(preview, steps);
    expect(preview.steps.find((s) => s.nodeId === 'sms-reminder')).toMatchObject({
      outcome: 'skipped',
      reason: 'skipped: the customer has no phone number (sms)',
      message: null,
    });
  });
});

describe('Preview = real path: abandoned cart (as shipped)', () => {
  const cart = (customer: CustomerSeed): Scenario => {
    const token = `tok${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    return {
      definition: shippedJourney('abandoned-cart').definition,
      customer,
      entryKey: token,
      trigger: {
        type: 'checkout.started',
        properties: {
          checkoutToken: token,
          abandonedCheckoutUrl: `https://store.example.com/checkouts/${token}/recover`,
          currency: 'EUR',
          totalPrice: 73.8,
          lineItems: [{ title: 'Organic Coffee 1 kg', quantity: 2, price: 19.9 }],
        },
      },
    };
  };

  it('without consent: the reminder and the last call by email', async () => {
    const { preview, steps } = await previewThenRun(cart({ timezone: 'America/New_York' }));
    expectSamePath(preview, steps);
    expect(preview.steps.map((s) => s.nodeId)).toContain('last-call-email');
    expect(preview.exitRules).toEqual(['order.placed ends the run at once, even mid-wait']);
  });

  it('with SMS consent in the daytime: the last call by SMS', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + DAY), 12);
    const { preview, steps } = await previewThenRun(
      cart({ timezone: zone.zone, consents: { sms: 'opted_in' } }),
    );
    expectSamePath(preview, steps);
    expect(preview.steps.find((s) => s.nodeId === 'channel')).toMatchObject({ branch: 'sms' });
    expect(preview.steps.find((s) => s.nodeId === 'last-call-sms')?.message?.text).toContain('SHIP-PREVIEW');
  });

  it('with WhatsApp consent and a WhatsApp message an hour ago: by the last call the day has passed, so SMS, in both', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + DAY), 12);
    const { preview, steps } = await previewThenRun({
      ...cart({ timezone: zone.zone, consents: { whatsapp: 'opted_in', sms: 'opted_in' } }),
      history: async (customerId, now) => {
        await recordEvent(
          stack.db,
          customerId,
          'whatsapp.inbound',
          { body: 'Hi' },
          new Date(now.getTime() - 3_600_000),
        );
      },
    });
    expectSamePath(preview, steps);
    expect(preview.steps.find((s) => s.nodeId === 'channel')).toMatchObject({ branch: 'sms' });
  });

  it('with SMS consent but an SMS already sent today: capped, skipped with the same reason', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + DAY), 12);
    const other = await seedJourney(
      stack.db,
      `other ${randomUUID()}`,
      shippedJourney('welcome-coupon').definition,
    );
    const { preview, steps } = await previewThenRun({
      ...cart({ timezone: zone.zone, consents: { sms: 'opted_in' } }),
      // An SMS of another journey an hour before the last call would go: inside the 24 h cap.
      history: async (customerId, now) => {
        const { runId } = await seedRun(stack.db, { journeyId: other, customerId, trigger: null });
        await stack.db.query(
          `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, status, provider, created_at)
           VALUES ($1, 'sms-reminder', 1, $2, 'sms', 'welcome-reminder', '+15550000000', 'sandboxed', 'sandbox', $3)`,
          [runId, customerId, new Date(now.getTime() + DAY - 3_600_000)],
        );
      },
    });
    expectSamePath(preview, steps);
    expect(preview.steps.find((s) => s.nodeId === 'last-call-sms')).toMatchObject({
      outcome: 'skipped',
      message: null,
    });
    expect(preview.steps.find((s) => s.nodeId === 'last-call-sms')?.reason).toMatch(
      /^skipped: frequency cap: 1 sms message in the last/,
    );
  });
});

describe('Preview = real path: a branch on an attribute and a split', () => {
  const definition: JourneyDefinitionInput = {
    nodes: [
      { id: 'start', type: 'trigger.event', data: { event: 'signup.completed' }, position: { x: 0, y: 0 } },
      {
        id: 'tier',
        type: 'branch.condition',
        data: {
          conditions: [
            {
              id: 'gold',
              name: 'Gold tier',
              when: { attribute: 'attributes.tier', op: 'eq', value: 'gold' },
            },
          ],
        },
        position: { x: 0, y: 100 },
      },
      {
        id: 'test',
        type: 'branch.split',
        data: {
          arms: [
            { id: 'a', name: 'A', percent: 50 },
            { id: 'b', name: 'B', percent: 50 },
          ],
        },
        position: { x: 0, y: 200 },
      },
      { id: 'wait', type: 'wait.delay', data: { duration: '2h' }, position: { x: 0, y: 300 } },
      { id: 'mail-a', type: 'send.email', data: { template: 'welcome' }, position: { x: 0, y: 400 } },
      {
        id: 'mail-b',
        type: 'send.email',
        data: { template: 'welcome-reminder' },
        position: { x: 0, y: 400 },
      },
      { id: 'plain', type: 'send.email', data: { template: 'welcome' }, position: { x: 0, y: 400 } },
      { id: 'end', type: 'exit', data: {}, position: { x: 0, y: 500 } },
    ],
    edges: [
      { source: 'start', sourceHandle: 'next', target: 'tier' },
      { source: 'tier', sourceHandle: 'gold', target: 'test' },
      { source: 'tier', sourceHandle: 'else', target: 'plain' },
      { source: 'test', sourceHandle: 'a', target: 'wait' },
      { source: 'test', sourceHandle: 'b', target: 'mail-b' },
      { source: 'wait', sourceHandle: 'next', target: 'mail-a' },
      { source: 'mail-a', sourceHandle: 'next', target: 'end' },
      { source: 'mail-b', sourceHandle: 'next', target: 'end' },
      { source: 'plain', sourceHandle: 'next', target: 'end' },
    ],
  };
  const scenario = (tier: string, runId?: string): Scenario => ({
    definition,
    customer: { attributes: { tier } },
    trigger: { type: 'signup.completed', properties: {} },
    runId,
  });
  /** A run id whose bucket at the split lands in `arm`. */
  const runIdIn = (arm: 'a' | 'b'): string => {
    const arms = [
      { id: 'a', percent: 50 },
      { id: 'b', percent: 50 },
    ];
    for (;;) {
      const id = randomUUID();
      if (pickArm(arms, splitBucket(id, 'test', 1)).id === arm) return id;
    }
  };

  it('a gold customer in arm A: the split, the 2 h wait and the A email, as the run', async () => {
    const { preview, steps } = await previewThenRun(scenario('gold', runIdIn('a')));
    expectSamePath(preview, steps);
    expect(preview.steps.map((s) => s.nodeId)).toEqual(['start', 'tier', 'test', 'wait', 'mail-a', 'end']);
    expect(preview.steps[1].reason).toBe('attributes.tier is "gold" → took \'Gold tier\'');
  });

  it('a gold customer in arm B: the B email at once, as the run', async () => {
    const { preview, steps } = await previewThenRun(scenario('gold', runIdIn('b')));
    expectSamePath(preview, steps);
    expect(preview.steps.map((s) => s.nodeId)).toEqual(['start', 'tier', 'test', 'mail-b', 'end']);
  });

  it('a silver customer: else, no split', async () => {
    const { preview, steps } = await previewThenRun(scenario('silver'));
    expectSamePath(preview, steps);
    expect(preview.steps.map((s) => [s.nodeId, s.branch])).toEqual([
      ['start', null],
      ['tier', 'else'],
      ['plain', null],
      ['end', null],
    ]);
  });
});

describe('Preview = real path: a WhatsApp send and its fallbacks', () => {
  const definition: JourneyDefinitionInput = {
    nodes: [
      { id: 'start', type: 'trigger.event', data: { event: 'checkout.started' }, position: { x: 0, y: 0 } },
      {
        id: 'coupon',
        type: 'action.coupon',
        data: { kind: 'free_shipping', value: 0, prefix: 'SHIP' },
        position: { x: 0, y: 50 },
      },
      { id: 'chat', type: 'send.whatsapp', data: { template: 'cart-last-call' }, position: { x: 0, y: 100 } },
      { id: 'end', type: 'exit', data: {}, position: { x: 0, y: 200 } },
    ],
    edges: [
      { source: 'start', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'chat' },
      { source: 'chat', sourceHandle: 'next', target: 'end' },
    ],
  };

  it('outside the 24 h session with no approved template: falls back to SMS, saying why, in both', async () => {
    const zone = zoneWithLocalHour(await stack.now(), 12);
    const { preview, steps } = await previewThenRun({
      definition,
      customer: { timezone: zone.zone, consents: { whatsapp: 'opted_in', sms: 'opted_in' } },
      trigger: {
        type: 'checkout.started',
        properties: { abandonedCheckoutUrl: 'https://store.example.com/c' },
      },
    });
    expectSamePath(preview, steps);
    const why = / \(instead of WhatsApp: .+\)$/;
    const chat = preview.steps.find((s) => s.nodeId === 'chat');
    expect(chat?.reason).toMatch(/^would send SMS to /);
    expect(why.exec(chat?.reason ?? '')?.[0]).toBe(why.exec(steps[2].reason ?? '')?.[0]);
    expect(chat?.message?.channel).toBe('sms');
  });
});
