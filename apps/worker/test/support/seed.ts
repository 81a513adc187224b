/**
 * Seeding and reading for journey-run tests, in SQL against the file's own database: customers
 * (time zone, attributes, consent), journeys stored as publishing stores them, events, and runs
 * started the way the API's event router starts them (signal-with-start, the trigger event as the
 * first signal). Plus readers for what a run left behind: its steps, messages, coupons and status.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import {
  journeyDefinitionSchema,
  runWorkflowId,
  type JourneyDefinition,
  type JourneyDefinitionInput,
  type RunEvent,
} from '@waypoint/journey';
import { journeyRunV3, runEventSignal, type JourneyRunInput } from '@waypoint/workflows';
import type { Client } from 'pg';
import type { TimeSkippingStack } from './time-skipping-stack';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type ShippedJourneyKey =
  | 'welcome-coupon'
  | 'abandoned-cart'
  | 'replenishment'
  | 'we-miss-you'
  | 'browse-abandonment'
  | 'loyalty-invitation'
  | 'loyalty-tier-upgrade'
  | 'back-in-stock'
  | 'price-drop'
  | 'order-updates'
  | 'post-purchase-feedback'
  | 'birthday'
  | 'cross-sell';

const JOURNEYS_DIR = join(__dirname, '../../../../templates/journeys');

/** A shipped journey's definition, parsed as publishing parses it (defaults filled in). */
export function shippedJourney(key: ShippedJourneyKey): { name: string; definition: JourneyDefinition } {
  const file = JSON.parse(readFileSync(join(JOURNEYS_DIR, `${key}.json`), 'utf8')) as {
    key: string;
    name: string;
    definition: unknown;
  };
  if (file.key !== key) throw new Error(`templates/journeys/${key}.json names itself "${file.key}"`);
  return { name: file.name, definition: journeyDefinitionSchema.parse(file.definition) };
}

/** A live journey with published version 1 (the draft is the same definition). */
export async function seedJourney(
  db: Client,
  name: string,
  input: JourneyDefinition | JourneyDefinitionInput,
): Promise<string> {
  const definition = journeyDefinitionSchema.parse(input);
  const journey = await db.query(
    `INSERT INTO journeys (name, status, draft, published_version) VALUES ($1, 'live', $2, 1) RETURNING id`,
    [name, definition],
  );
  const journeyId: string = journey.rows[0].id;
  await db.query(`INSERT INTO journey_versions (journey_id, version, definition) VALUES ($1, 1, $2)`, [
    journeyId,
    definition,
  ]);
  return journeyId;
}

export type ConsentChannel = 'email' | 'sms' | 'whatsapp';

export interface CustomerSeed {
  firstName?: string | null;
  email?: string | null;
  phone?: string | null;
  timezone?: string | null;
  attributes?: Record<string, unknown>;
  consents?: Partial<Record<ConsentChannel, 'opted_in' | 'opted_out'>>;
}

export interface SeededCustomer {
  id: string;
  email: string | null;
  phone: string | null;
}

export async function seedCustomer(db: Client, seed: CustomerSeed = {}): Promise<SeededCustomer> {
  const tag = randomUUID().slice(0, 8);
  const email = seed.email === undefined ? `ada-${tag}@example.com` : seed.email;
  const phone =
    seed.phone === undefined ? `+1555${String(parseInt(tag, 16) % 10_000_000).padStart(7, '0')}` : seed.phone;
  const row = await db.query(
    `INSERT INTO customers (external_id, email, phone, first_name, timezone, attributes)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      `shopify-${tag}`,
      email,
      phone,
      seed.firstName === undefined ? 'Ada' : seed.firstName,
      seed.timezone ?? null,
      seed.attributes ?? {},
    ],
  );
  const id: string = row.rows[0].id;
  for (const [channel, status] of Object.entries(seed.consents ?? {})) {
    await db.query(
      `INSERT INTO customer_consents (customer_id, channel, status, source) VALUES ($1, $2, $3, 'checkout')`,
      [id, channel, status],
    );
  }
  return { id, email, phone };
}

/** Stores an accepted event (as the API does) and returns it as it reaches runs. */
export async function recordEvent(
  db: Client,
  customerId: string,
  type: string,
  properties: Record<string, unknown>,
  occurredAt: Date,
): Promise<RunEvent> {
  const row = await db.query(
    `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
     VALUES ($1, $2, $3, 'test', $4, $5) RETURNING id`,
    [randomUUID(), type, customerId, properties, occurredAt],
  );
  return { id: row.rows[0].id, type, properties, occurredAt: occurredAt.toISOString() };
}

export interface RunSeed {
  journeyId: string;
  customerId: string;
  trigger: RunEvent | null;
  entryKey?: string;
  /** Chosen run ids make a split's arm predictable; otherwise the database draws one. */
  runId?: string;
}

/** The run row, as the event router writes it before it starts the workflow. */
export async function seedRun(db: Client, seed: RunSeed): Promise<{ runId: string; workflowId: string }> {
  const row = await db.query(
    `INSERT INTO runs (id, journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id, status)
     SELECT id, $1, 1, $2, $3, $4, 'run-' || id, 'running' FROM (SELECT COALESCE($5::uuid, gen_random_uuid()) AS id) AS fresh
     RETURNING id, workflow_id`,
    [seed.journeyId, seed.customerId, seed.trigger?.id ?? null, seed.entryKey ?? '', seed.runId ?? null],
  );
  return { runId: row.rows[0].id, workflowId: row.rows[0].workflow_id };
}

export interface StartedRun {
  runId: string;
  handle: WorkflowHandle<typeof journeyRunV3>;
}

/**
 * Seeds the run row and starts its workflow as the event router does: `journeyRunV3`,
 * signal-with-start on `run-<id>`, with the trigger event as the first signal (which the run must
 * count once, not take for an exit event).
 */
export async function enterRun(stack: TimeSkippingStack, seed: RunSeed): Promise<StartedRun> {
  const { runId, workflowId } = await seedRun(stack.db, seed);
  if (workflowId !== runWorkflowId(runId)) throw new Error(`unexpected workflow id ${workflowId}`);
  const options = { workflowId, taskQueue: stack.taskQueue, args: [{ runId }] as [JourneyRunInput] };
  const handle = seed.trigger
    ? await stack.env.client.workflow.signalWithStart(journeyRunV3, {
        ...options,
        signal: runEventSignal,
        signalArgs: [seed.trigger],
      })
    : await stack.env.client.workflow.start(journeyRunV3, options);
  return { runId, handle };
}

export interface StepRow {
  node_id: string;
  node_type: string;
  visit: number;
  outcome: string;
  entered_at: Date;
  finished_at: Date | null;
  wake_at: Date | null;
  branch: string | null;
  reason: string | null;
  message_id: string | null;
  detail: Record<string, unknown>;
}

export async function stepsOf(db: Client, runId: string): Promise<StepRow[]> {
  const res = await db.query(
    `SELECT node_id, node_type, visit, outcome, entered_at, finished_at, wake_at, branch, reason, message_id, detail
       FROM run_steps WHERE run_id = $1 ORDER BY entered_at, visit, node_id`,
    [runId],
  );
  return res.rows as StepRow[];
}

/** The one step of a node (first visit unless told), failing clearly when it is missing. */
export function stepOf(steps: StepRow[], nodeId: string, visit = 1): StepRow {
  const step = steps.find((s) => s.node_id === nodeId && s.visit === visit);
  if (!step) throw new Error(`no step for node "${nodeId}" (visit ${visit}) in ${JSON.stringify(steps)}`);
  return step;
}

export interface MessageRow {
  id: string;
  node_id: string;
  visit: number;
  channel: string;
  template: string;
  to_address: string;
  subject: string | null;
  body_html: string | null;
  body_text: string | null;
  headers: Record<string, string>;
  status: string;
  provider: string;
}

export async function messagesOf(db: Client, runId: string): Promise<MessageRow[]> {
  const res = await db.query(
    `SELECT id, node_id, visit, channel, template, to_address, subject, body_html, body_text, headers, status, provider
       FROM messages WHERE run_id = $1 ORDER BY created_at, node_id`,
    [runId],
  );
  return res.rows as MessageRow[];
}

export interface CouponRow {
  code: string;
  kind: string;
  value: string;
  node_id: string;
  expires_at: Date | null;
}

export async function couponsOf(db: Client, runId: string): Promise<CouponRow[]> {
  const res = await db.query(
    `SELECT code, kind, value, node_id, expires_at FROM coupons WHERE run_id = $1 ORDER BY created_at`,
    [runId],
  );
  return res.rows as CouponRow[];
}

export async function runRowOf(
  db: Client,
  runId: string,
): Promise<{ status: string; status_reason: string | null; current_node_id: string | null }> {
  const res = await db.query(`SELECT status, status_reason, current_node_id FROM runs WHERE id = $1`, [
    runId,
  ]);
  return res.rows[0];
}

/** Milliseconds from `from` to `to`. */
export function between(from: Date | string, to: Date | string): number {
  return new Date(to).getTime() - new Date(from).getTime();
}

/**
 * Retries an assertion for a few real seconds: the time-skipping server runs activities in real
 * time, so what a workflow wrote may land a moment after the skipped time was reached.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Where the links of a sent body lead: each `/c/<token>` tracked link (docs/product.md, "Tracked
 * links") resolved through the stored token, other links as written.
 */
export async function linkTargets(db: Client, body: string): Promise<string[]> {
  const found = [...body.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
  const targets: string[] = [];
  for (const url of found) {
    const token = /\/c\/([A-Za-z0-9_-]{16})$/.exec(url)?.[1];
    if (!token) {
      targets.push(url);
      continue;
    }
    const res = await db.query(`SELECT url FROM tracked_links WHERE token = $1`, [token]);
    targets.push(res.rows[0]?.url ?? `unknown tracked link ${url}`);
  }
  return targets;
}

/** A sent text with each tracked link replaced by where it leads, to compare with the words written. */
export async function untracked(db: Client, body: string | null): Promise<string> {
  let text = body ?? '';
  for (const [link, token] of [...text.matchAll(/https?:\/\/[^\s"'<>]+\/c\/([A-Za-z0-9_-]{16})/g)]) {
    const res = await db.query(`SELECT url FROM tracked_links WHERE token = $1`, [token]);
    text = text.replace(link, res.rows[0]?.url ?? `unknown tracked link ${link}`);
  }
  return text;
}
