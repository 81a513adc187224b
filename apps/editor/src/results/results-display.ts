// How a journey's results read: the default range, the per-node figures as counts or rates, and
// exit reasons in words.
import type { JourneyResults, ResultsNode } from '../api-types';
import { formatRate } from '../dashboard/dashboard-display';
import type { ResultsRange } from './results-queries';

const DAY_MS = 86_400_000;

/** `day` moved by `days` calendar days (`YYYY-MM-DD`, no time zone involved). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days up to `today`, both included. */
export function lastDays(today: string, days: number): ResultsRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

export type NodeFigureMode = 'counts' | 'rates';

export interface NodeFigure {
  key: string;
  label: string;
  text: string;
}

const count = new Intl.NumberFormat('en-US');

/**
 * A node's figures: entered, failed (when any), and for send nodes the funnel; as counts, or as
 * rates (delivered / sent, opened and clicked / delivered, converted / entered).
 */
export function nodeFigures(node: ResultsNode, mode: NodeFigureMode, isSend: boolean): NodeFigure[] {
  const figures: NodeFigure[] = [{ key: 'entered', label: 'entered', text: count.format(node.entered) }];
  if (node.failed > 0) figures.push({ key: 'failed', label: 'failed', text: count.format(node.failed) });
  if (isSend || node.sent > 0) {
    if (mode === 'counts') {
      for (const key of ['sent', 'delivered', 'opened', 'clicked'] as const) {
        figures.push({ key, label: key, text: count.format(node[key]) });
      }
    } else {
      figures.push({ key: 'sent', label: 'sent', text: count.format(node.sent) });
      figures.push({ key: 'delivered', label: 'delivered', text: formatRate(node.deliveryRate) });
      figures.push({ key: 'opened', label: 'opened', text: formatRate(node.openRate) });
      figures.push({ key: 'clicked', label: 'clicked', text: formatRate(node.clickRate) });
    }
  }
  figures.push({
    key: 'converted',
    label: 'converted',
    text: mode === 'counts' ? count.format(node.converted) : formatRate(node.conversionRate),
  });
  return figures;
}

/** `completed`, `exit rule: order.placed`, … */
export function exitLabel(exit: JourneyResults['exits'][number]): string {
  if (exit.status === 'exited') return exit.reason ? `exited (${exit.reason})` : 'exited';
  return exit.status;
}
