/**
 * Per-node counts for a journey (entered, waiting now, completed, skipped by reason, failed; sent,
 * delivered, opened, clicked), runs by status, and conversions with attributed revenue.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { isUuid } from './journeys.service';

export interface NodeStats {
  entered: number;
  waiting: number;
  completed: number;
  skipped: number;
  failed: number;
  skippedBy: Record<string, number>;
  messages: Record<string, number>;
}

@Injectable()
export class JourneyStats {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(id: string) {
    const exists: unknown[] = isUuid(id)
      ? await this.db.query(`SELECT 1 FROM journeys WHERE id = $1`, [id])
      : [];
    if (exists.length === 0) throw ApiError.notFound('Journey', id);
    const steps: Array<{ node_id: string; outcome: string; reason: string | null; n: number }> =
      await this.db.query(
        `SELECT s.node_id, s.outcome, CASE WHEN s.outcome = 'skipped' THEN s.reason END AS reason, count(*)::int AS n
         FROM run_steps s JOIN runs r ON r.id = s.run_id
        WHERE r.journey_id = $1
        GROUP BY 1, 2, 3`,
        [id],
      );
    const messages: Array<{ node_id: string; status: string; n: number }> = await this.db.query(
      `SELECT m.node_id, m.status, count(*)::int AS n FROM messages m JOIN runs r ON r.id = m.run_id
        WHERE r.journey_id = $1 GROUP BY 1, 2`,
      [id],
    );
    const runs: Array<{ status: string; n: number }> = await this.db.query(
      `SELECT status, count(*)::int AS n FROM runs WHERE journey_id = $1 GROUP BY 1`,
      [id],
    );
    const [conversions]: Array<{ n: number; revenue: string }> = await this.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(revenue), 0) AS revenue FROM run_conversions WHERE journey_id = $1`,
      [id],
    );
    const nodes: Record<string, NodeStats> = {};
    const node = (nodeId: string) =>
      (nodes[nodeId] ??= {
        entered: 0,
        waiting: 0,
        completed: 0,
        skipped: 0,
        failed: 0,
        skippedBy: {},
        messages: {},
      });
    for (const row of steps) {
      const stats = node(row.node_id);
      stats.entered += row.n;
      if (row.outcome === 'waiting') stats.waiting += row.n;
      if (row.outcome === 'completed') stats.completed += row.n;
      if (row.outcome === 'failed') stats.failed += row.n;
      if (row.outcome === 'skipped') {
        stats.skipped += row.n;
        const reason = (row.reason ?? 'skipped').replace(/ on \d{4}-\d{2}-\d{2}$/, '');
        stats.skippedBy[reason] = (stats.skippedBy[reason] ?? 0) + row.n;
      }
    }
    for (const row of messages) node(row.node_id).messages[row.status] = row.n;
    return {
      runs: Object.fromEntries(runs.map((r) => [r.status, r.n])),
      entered: runs.reduce((sum, r) => sum + r.n, 0),
      conversions: conversions.n,
      revenue: Number(conversions.revenue),
      nodes,
    };
  }
}
