/** The segments aggregate: saved conditions (their members and value are in customer-value). */
import type { Condition } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

export interface SegmentRow {
  id: string;
  key: string | null;
  name: string;
  description: string | null;
  condition: Condition;
}

const COLUMNS = `id, key, name, description, condition`;

export async function listSegments(query: Query): Promise<SegmentRow[]> {
  return (await query(
    `SELECT ${COLUMNS} FROM segments ORDER BY created_at, name`,
    [],
  )) as unknown as SegmentRow[];
}

/** By id, or by key for the shipped presets (`big-spenders`). */
export async function findSegment(query: Query, idOrKey: string): Promise<SegmentRow | null> {
  const rows = await query(
    `SELECT ${COLUMNS} FROM segments WHERE ${isUuid(idOrKey) ? 'id = $1::uuid' : 'key = $1'}`,
    [idOrKey],
  );
  return (rows[0] as unknown as SegmentRow | undefined) ?? null;
}

export async function insertSegment(
  query: Query,
  segment: { name: string; description: string | null; condition: Condition },
): Promise<SegmentRow> {
  const rows = await query(
    `INSERT INTO segments (name, description, condition) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [segment.name, segment.description, JSON.stringify(segment.condition)],
  );
  return rows[0] as unknown as SegmentRow;
}

/**
 * Changes the fields given (a preset's key never changes); null when there is no such segment.
 * Read through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
 */
export async function updateSegment(
  query: Query,
  id: string,
  change: { name?: string; description?: string | null; condition?: Condition },
): Promise<SegmentRow | null> {
  const rows = await query(
    `WITH changed AS (
       UPDATE segments SET name = COALESCE($2::text, name),
              description = CASE WHEN $3::boolean THEN $4::text ELSE description END,
              condition = COALESCE($5::jsonb, condition), updated_at = now()
        WHERE id = $1::uuid RETURNING ${COLUMNS}
     ) SELECT * FROM changed`,
    [
      id,
      change.name ?? null,
      change.description !== undefined,
      change.description ?? null,
      change.condition === undefined ? null : JSON.stringify(change.condition),
    ],
  );
  return (rows[0] as unknown as SegmentRow | undefined) ?? null;
}

export interface SegmentTriggerRow {
  /** The segment id or key the trigger names. */
  segmentRef: string;
  journeyId: string;
  name: string;
  status: string;
}

/**
 * Journeys (not archived) with a `trigger.segment` node naming a segment, read from their draft and
 * their published version: one row per journey and segment named.
 */
export async function segmentTriggers(query: Query): Promise<SegmentTriggerRow[]> {
  return (await query(
    `SELECT DISTINCT n.node -> 'data' ->> 'segmentId' AS "segmentRef", j.id AS "journeyId", j.name, j.status
       FROM journeys j
       LEFT JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.published_version
       CROSS JOIN LATERAL (
         SELECT node FROM jsonb_array_elements(CASE WHEN jsonb_typeof(j.draft -> 'nodes') = 'array' THEN j.draft -> 'nodes' ELSE '[]'::jsonb END) node
         UNION ALL
         SELECT node FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.definition -> 'nodes') = 'array' THEN v.definition -> 'nodes' ELSE '[]'::jsonb END) node
       ) n
      WHERE j.status <> 'archived' AND n.node ->> 'type' = 'trigger.segment'
        AND n.node -> 'data' ->> 'segmentId' IS NOT NULL
      ORDER BY j.name, j.id`,
    [],
  )) as unknown as SegmentTriggerRow[];
}
