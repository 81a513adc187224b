/**
 * Test runs and test profiles (docs/product.md, "Test runs"): a person's own test profile (a
 * customer marked `test`, keyed by the person), the draft snapshot a test run pins (a journey
 * version with a negative number: never live, never numbered as a published version), and the
 * run itself, marked `test`, with how it was started.
 */
import type { JourneyDefinition, TestWaits } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

/** The external id of a person's test profile: no store customer has it, so no store event merges into it. */
export function testProfileExternalId(userId: string): string {
  return `waypoint-test:${userId}`;
}

export interface TestProfileRow {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  /** The person whose profile it is (null for a test customer marked by hand). */
  userId: string | null;
  personName: string | null;
  updatedAt: Date;
}

const PROFILE_COLUMNS = `c.id, c.email, c.phone, c.first_name AS "firstName", u.id AS "userId",
  u.name AS "personName", c.updated_at AS "updatedAt"`;

/** Creates the person's test profile, or brings its email, phone and name up to date with theirs. */
export async function upsertTestProfile(
  query: Query,
  person: { userId: string; email: string; phone: string | null; name: string },
): Promise<string> {
  const [row] = await query(
    `INSERT INTO customers (external_id, email, phone, first_name, test)
     VALUES ($1, $2, $3, $4, true)
     ON CONFLICT (external_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone,
       first_name = EXCLUDED.first_name, test = true, updated_at = now()
     RETURNING id`,
    [testProfileExternalId(person.userId), person.email, person.phone, person.name],
  );
  return String(row.id);
}

/** Every test profile, the newest change first. */
export async function listTestProfiles(query: Query): Promise<TestProfileRow[]> {
  return (await query(
    `SELECT ${PROFILE_COLUMNS} FROM customers c
       LEFT JOIN users u ON $1 || u.id::text = c.external_id
      WHERE c.test ORDER BY c.updated_at DESC`,
    [testProfileExternalId('')],
  )) as unknown as TestProfileRow[];
}

export async function findTestProfile(query: Query, customerId: string): Promise<TestProfileRow | null> {
  const rows = await query(
    `SELECT ${PROFILE_COLUMNS} FROM customers c
       LEFT JOIN users u ON $2 || u.id::text = c.external_id
      WHERE c.id = $1 AND c.test`,
    [customerId, testProfileExternalId('')],
  );
  return (rows[0] as unknown as TestProfileRow | undefined) ?? null;
}

/** Whether the customer exists (a UUID that names nobody is a 404, a real customer not `test` a 422). */
export async function customerExists(query: Query, customerId: string): Promise<boolean> {
  if (!isUuid(customerId)) return false;
  return (await query(`SELECT 1 FROM customers WHERE id = $1`, [customerId])).length > 0;
}

/**
 * Freezes the draft for a test run as a version numbered below every other (-1, -2, …): the run
 * pins it like any version, and nothing that lists, publishes or routes versions sees it (they
 * read positive numbers or the journey's `published_version`). Inside the caller's transaction.
 */
export async function insertTestSnapshot(
  query: Query,
  journeyId: string,
  definition: JourneyDefinition,
): Promise<number> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('test-snapshot'), hashtext($1))`, [journeyId]);
  const [row] = await query(
    `INSERT INTO journey_versions (journey_id, version, definition, published_at)
     SELECT $1, least(0, coalesce(min(version), 0)) - 1, $2, now() FROM journey_versions WHERE journey_id = $1
     RETURNING version`,
    [journeyId, JSON.stringify(definition)],
  );
  return Number(row.version);
}

/** A published version's definition (null when the journey has no such version; snapshots are not published). */
export async function publishedVersionDefinition(
  query: Query,
  journeyId: string,
  version: number,
): Promise<JourneyDefinition | null> {
  const rows = await query(
    `SELECT definition FROM journey_versions WHERE journey_id = $1 AND version = $2 AND version > 0`,
    [journeyId, version],
  );
  return (rows[0]?.definition as JourneyDefinition | undefined) ?? null;
}

/** A test run with how it was started and the definition it pinned. */
export interface TestRunRow {
  id: string;
  journeyId: string;
  version: number;
  source: 'draft' | 'version';
  customerId: string;
  waits: TestWaits;
  startedAt: Date;
  startedById: string;
  startedByName: string;
  definition: JourneyDefinition;
}

/** Null when the id names no test run (or is not a UUID). */
export async function findTestRun(query: Query, runId: string): Promise<TestRunRow | null> {
  if (!isUuid(runId)) return null;
  const rows = await query(
    `SELECT r.id, r.journey_id AS "journeyId", r.journey_version AS version, t.source, r.customer_id AS "customerId",
            t.waits, r.started_at AS "startedAt", u.id AS "startedById", u.name AS "startedByName", v.definition
       FROM test_runs t
       JOIN runs r ON r.id = t.run_id
       JOIN users u ON u.id = t.started_by
       JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
      WHERE t.run_id = $1`,
    [runId],
  );
  return (rows[0] as unknown as TestRunRow | undefined) ?? null;
}

export interface NewTestRun {
  journeyId: string;
  version: number;
  customerId: string;
  entryKey: string;
  startedBy: string;
  source: 'draft' | 'version';
  waits: TestWaits;
  triggerEvent: { type: string; properties: Record<string, unknown> } | null;
}

/** A running run marked `test`, with how it was started; returns its id (its workflow is `run-<id>`). */
export async function insertTestRun(query: Query, run: NewTestRun): Promise<string> {
  const [row] = await query(
    `WITH run AS (
       INSERT INTO runs (id, journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id, status, test)
       SELECT id, $1, $2, $3, NULL, $4, 'run-' || id, 'running', true FROM (SELECT gen_random_uuid() AS id) AS fresh
       RETURNING id)
     INSERT INTO test_runs (run_id, started_by, source, waits, trigger_event)
     SELECT id, $5, $6, $7, $8 FROM run RETURNING run_id AS id`,
    [
      run.journeyId,
      run.version,
      run.customerId,
      run.entryKey,
      run.startedBy,
      run.source,
      JSON.stringify(run.waits),
      run.triggerEvent ? JSON.stringify(run.triggerEvent) : null,
    ],
  );
  return String(row.id);
}
