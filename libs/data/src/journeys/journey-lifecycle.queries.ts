/** Pause, resume and archive: a journey's status, and the running runs that must be told. */
import type { JourneyStatus } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

/** Null when there is no such journey. */
export async function journeyStatus(query: Query, id: string): Promise<JourneyStatus | null> {
  const rows = isUuid(id) ? await query(`SELECT status FROM journeys WHERE id = $1`, [id]) : [];
  return (rows[0]?.status as JourneyStatus | undefined) ?? null;
}

export async function setJourneyStatus(query: Query, id: string, status: JourneyStatus): Promise<void> {
  await query(`UPDATE journeys SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
}

/** The Temporal workflow ids of the journey's runs still running. */
export async function runningWorkflowIds(query: Query, journeyId: string): Promise<string[]> {
  const runs = await query(`SELECT workflow_id FROM runs WHERE journey_id = $1 AND status = 'running'`, [
    journeyId,
  ]);
  return runs.map((run) => run.workflow_id as string);
}
