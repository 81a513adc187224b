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
