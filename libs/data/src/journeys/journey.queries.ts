/**
 * The journeys aggregate: a journey with its editable draft, and its published versions (immutable;
 * runs are pinned to one). Publishing locks the journey row (`findJourneyForUpdate`) inside the
 * caller's transaction so two publishes cannot take the same version number.
 */
import type { JourneyDefinition, JourneyStatus } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

export interface JourneyRow {
  id: string;
  name: string;
  status: JourneyStatus;
  /** The draft as saved: it may be unfinished (publishing validates it). */
  draft: Record<string, unknown>;
  publishedVersion: number | null;
  seedKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface JourneyVersionRow {
  version: number;
  publishedAt: Date;
  definition: JourneyDefinition;
}

// An UPDATE … RETURNING is read through a CTE: TypeORM's query() answers a bare UPDATE with
// [rows, count] rather than the rows.
const COLUMNS = `id, name, status, draft, published_version AS "publishedVersion", seed_key AS "seedKey",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function listJourneys(query: Query): Promise<JourneyRow[]> {
  return (await query(
    `SELECT ${COLUMNS} FROM journeys ORDER BY created_at ASC`,
    [],
  )) as unknown as JourneyRow[];
}

/** Null when there is none (or the id is not a UUID, so it cannot be one). */
export async function findJourney(query: Query, id: string): Promise<JourneyRow | null> {
  if (!isUuid(id)) return null;
  const rows = await query(`SELECT ${COLUMNS} FROM journeys WHERE id = $1`, [id]);
  return (rows[0] as unknown as JourneyRow | undefined) ?? null;
}

/** As findJourney, holding the row until the caller's transaction ends. */
export async function findJourneyForUpdate(query: Query, id: string): Promise<JourneyRow | null> {
  if (!isUuid(id)) return null;
  const rows = await query(`SELECT ${COLUMNS} FROM journeys WHERE id = $1 FOR UPDATE`, [id]);
  return (rows[0] as unknown as JourneyRow | undefined) ?? null;
}

/** Whether a shipped example (by its key) was loaded before. */
export async function journeySeedExists(query: Query, seedKey: string): Promise<boolean> {
  const existing = await query(`SELECT 1 FROM journeys WHERE seed_key = $1`, [seedKey]);
  return existing.length > 0;
}

/** A new journey, as a draft. */
export async function insertJourney(
  query: Query,
  journey: { name: string; draft: unknown; seedKey: string | null },
): Promise<JourneyRow> {
  const rows = await query(
    `INSERT INTO journeys (name, status, draft, published_version, seed_key)
     VALUES ($1, 'draft', $2, NULL, $3) RETURNING ${COLUMNS}`,
    [journey.name, JSON.stringify(journey.draft), journey.seedKey],
  );
  return rows[0] as unknown as JourneyRow;
}

/** Replaces the draft (and the name when one is given). */
export async function updateJourneyDraft(
  query: Query,
  id: string,
  change: { draft: unknown; name: string | null },
): Promise<JourneyRow> {
  const rows = await query(
    `WITH updated AS (
       UPDATE journeys SET draft = $2, name = COALESCE($3, name), updated_at = now()
        WHERE id = $1 RETURNING *)
     SELECT ${COLUMNS} FROM updated`,
    [id, JSON.stringify(change.draft), change.name],
  );
  return rows[0] as unknown as JourneyRow;
}

/** Points the journey at its newest version, with the status that follows (a draft goes live). */
export async function markJourneyPublished(
  query: Query,
  id: string,
  version: number,
  status: JourneyStatus,
): Promise<JourneyRow> {
  const rows = await query(
    `WITH updated AS (
       UPDATE journeys SET published_version = $2, status = $3, updated_at = now()
        WHERE id = $1 RETURNING *)
     SELECT ${COLUMNS} FROM updated`,
    [id, version, status],
  );
  return rows[0] as unknown as JourneyRow;
}

export async function insertJourneyVersion(
  query: Query,
  journeyId: string,
  version: number,
  definition: JourneyDefinition,
): Promise<void> {
  await query(
    `INSERT INTO journey_versions (journey_id, version, definition, published_at) VALUES ($1, $2, $3, now())`,
    [journeyId, version, JSON.stringify(definition)],
  );
}

/** Newest first. */
export async function listJourneyVersions(query: Query, journeyId: string): Promise<JourneyVersionRow[]> {
  return (await query(
    `SELECT version, published_at AS "publishedAt", definition FROM journey_versions
      WHERE journey_id = $1 AND version > 0 ORDER BY version DESC`,
    [journeyId],
  )) as unknown as JourneyVersionRow[];
}
