/**
 * What a journey's experiments count, per split node and arm, in one statement: the runs whose
 * first pass through the split took the arm (the step's `branch`), those of them with a goal
 * conversion at or after that pass (a conversion before it cannot be the arm's doing), and the
 * conversions' revenue with its sum of squares (for the variance of revenue per entry). Test runs
 * are left out (docs/product.md, "Test runs").
 */
import type { Query } from '../database';

export interface ArmCountRow {
  node_id: string;
  arm_id: string;
  entered: number;
  converted: number;
  /** numeric, as PostgreSQL returns it */
  revenue: string;
  /** Σ revenue², numeric */
  revenue_squares: string;
}

export async function armCountsOfJourney(query: Query, journeyId: string): Promise<ArmCountRow[]> {
  // The join to run_steps reads run_steps_split_entry_idx (split steps of a first visit only).
  return (await query(
    `SELECT s.node_id, s.branch AS arm_id, count(*)::int AS entered, count(c.run_id)::int AS converted,
            coalesce(sum(c.revenue), 0) AS revenue, coalesce(sum(c.revenue * c.revenue), 0) AS revenue_squares
       FROM runs r
       JOIN run_steps s ON s.run_id = r.id AND s.node_type = 'branch.split' AND s.visit = 1
       LEFT JOIN run_conversions c ON c.run_id = r.id AND c.converted_at >= s.entered_at
      WHERE r.journey_id = $1 AND NOT r.test AND s.branch IS NOT NULL
      GROUP BY 1, 2`,
    [journeyId],
  )) as unknown as ArmCountRow[];
}
