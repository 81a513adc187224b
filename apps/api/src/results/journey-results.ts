/**
 * A journey's results from the rollup's rows (pure, so it is tested without a database): the
 * range's days cut in the store's time zone, totals, exits by reason, per-node funnels and the
 * rates the editor shows.
 */
import type { JourneyResults, ResultsNode } from '@waypoint/contract';
import type { ResultRow } from '@waypoint/data';
import type { RunStatus } from '@waypoint/journey';

const DAY_MS = 86_400_000;

/** `part / whole`, or null when there is no whole to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Today (`YYYY-MM-DD`) in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

type NodeCounts = Omit<ResultsNode, 'deliveryRate' | 'openRate' | 'clickRate' | 'conversionRate'>;

export function journeyResultsFrom(input: {
  journeyId: string;
  from: string;
  to: string;
  timeZone: string;
  currency: string;
  rolledUpTo: Date | null;
  rows: ResultRow[];
}): JourneyResults {
  const days = new Map<string, JourneyResults['days'][number]>();
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) {
    days.set(d, { day: d, entered: 0, exited: 0, conversions: 0, revenue: 0 });
  }
  const exits = new Map<string, JourneyResults['exits'][number]>();
  const nodes = new Map<string, NodeCounts>();
  let recipients = 0;
  for (const row of input.rows) {
    const day = days.get(row.day);
    if (!day) continue;
    if (row.metric === 'entered') day.entered += row.n;
    else if (row.metric === 'recipients') recipients += row.n;
    else if (row.metric === 'converted') {
      day.conversions += row.n;
      day.revenue += row.revenue;
    } else if (row.metric.startsWith('exit:')) {
      day.exited += row.n;
      const status = row.metric.slice('exit:'.length) as RunStatus;
      const key = `${status}\u0000${row.reason}`;
      const exit = exits.get(key) ?? { status, reason: row.reason || null, runs: 0 };
      exit.runs += row.n;
      exits.set(key, exit);
    } else if (row.metric.startsWith('node:')) {
      const node = nodes.get(row.nodeId) ?? {
        nodeId: row.nodeId,
        entered: 0,
        failed: 0,
        sent: 0,
        delivered: 0,
        opened: 0,
        clicked: 0,
        converted: 0,
        revenue: 0,
      };
      const field = row.metric.slice('node:'.length) as keyof Omit<NodeCounts, 'nodeId' | 'revenue'>;
      node[field] += row.n;
      if (field === 'converted') node.revenue += row.revenue;
      nodes.set(row.nodeId, node);
    }
  }
  const byDay = [...days.values()];
  const entered = byDay.reduce((sum, d) => sum + d.entered, 0);
  const conversions = byDay.reduce((sum, d) => sum + d.conversions, 0);
  const revenue = byDay.reduce((sum, d) => sum + d.revenue, 0);
  const exitList = [...exits.values()].sort((a, b) => b.runs - a.runs || a.status.localeCompare(b.status));
  return {
    journeyId: input.journeyId,
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    currency: input.currency,
    rolledUpTo: input.rolledUpTo ? input.rolledUpTo.toISOString() : null,
    entered,
    exited: byDay.reduce((sum, d) => sum + d.exited, 0),
    failed: exitList.filter((e) => e.status === 'failed').reduce((sum, e) => sum + e.runs, 0),
    conversions,
    revenue,
    conversionRate: ratio(conversions, entered),
    recipients,
    revenuePerRecipient: ratio(revenue, recipients),
    days: byDay,
    exits: exitList,
    nodes: [...nodes.values()]
      .sort((a, b) => a.nodeId.localeCompare(b.nodeId))
      .map((n) => ({
        ...n,
        deliveryRate: ratio(n.delivered, n.sent),
        openRate: ratio(n.opened, n.delivered),
        clickRate: ratio(n.clicked, n.delivered),
        conversionRate: ratio(n.converted, n.entered),
      })),
  };
}
