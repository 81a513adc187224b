/** Per-node statistics from the counts the database returns (pure, so it is tested without one). */
import type { JourneyStats, NodeStats } from '@waypoint/contract';
import type { ConversionTotalsRow, MessageCountRow, RunCountRow, StepCountRow } from '@waypoint/data';

export function journeyStatsFrom(counts: {
  steps: StepCountRow[];
  messages: MessageCountRow[];
  runs: RunCountRow[];
  conversions: ConversionTotalsRow;
}): JourneyStats {
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
  for (const row of counts.steps) {
    const stats = node(row.node_id);
    stats.entered += row.n;
    if (row.outcome === 'waiting') stats.waiting += row.n;
    if (row.outcome === 'completed') stats.completed += row.n;
    if (row.outcome === 'failed') stats.failed += row.n;
    if (row.outcome === 'skipped') {
      stats.skipped += row.n;
      // "unsubscribed … on 2026-11-24": the same reason on any day counts as one.
      const reason = (row.reason ?? 'skipped').replace(/ on \d{4}-\d{2}-\d{2}$/, '');
      stats.skippedBy[reason] = (stats.skippedBy[reason] ?? 0) + row.n;
    }
  }
  for (const row of counts.messages) node(row.node_id).messages[row.status] = row.n;
  return {
    runs: Object.fromEntries(counts.runs.map((r) => [r.status, r.n])),
    entered: counts.runs.reduce((sum, r) => sum + r.n, 0),
    conversions: counts.conversions.n,
    revenue: Number(counts.conversions.revenue),
    nodes,
  };
}
