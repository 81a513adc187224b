/** The publish impact's one count: a journey's running runs per published version (test runs left out). */
import type { RunStatus } from '@waypoint/journey';
import type { Query } from '../database';

export interface RunningPerVersionRow {
  version: number;
  runs: number;
}

const RUNNING: RunStatus = 'running';

/** Oldest version first; versions without a running run are left out. */
export async function runningRunsPerVersion(
  query: Query,
  journeyId: string,
): Promise<RunningPerVersionRow[]> {
  return (await query(
    `SELECT journey_version AS version, count(*)::int AS runs FROM runs
      WHERE journey_id = $1 AND status = $2 AND NOT test
      GROUP BY journey_version ORDER BY journey_version`,
    [journeyId, RUNNING],
  )) as unknown as RunningPerVersionRow[];
}
