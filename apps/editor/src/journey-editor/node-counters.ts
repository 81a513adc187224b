/**
 * The counters a node shows on a live journey, from `GET /v1/journeys/{id}/stats`: how many runs
 * entered it, how many wait there now, the message funnel of a send (a message's status is its
 * furthest step, so an opened message was also sent and delivered), and skips by reason.
 */
import type { NodeStats } from '../api-types';

export interface Counter {
  key: string;
  label: string;
  value: number;
  tone?: 'warning' | 'danger';
}

/** Statuses of a message that left (or, in sandbox mode, would have left) the machine. */
const COUNTS_AS_SENT = new Set(['sent', 'sandboxed', 'delivered', 'opened', 'clicked', 'bounced']);

export const EMPTY_NODE_STATS: NodeStats = {
  entered: 0,
  waiting: 0,
  completed: 0,
  skipped: 0,
  failed: 0,
  skippedBy: {},
  messages: {},
};

/** Each status counts toward every step before it: clicked ⊂ opened ⊂ delivered ⊂ sent. */
export function messageFunnel(
  messages: Record<string, number>,
): Record<'sent' | 'delivered' | 'opened' | 'clicked', number> {
  const count = (status: string) => messages[status] ?? 0;
  const clicked = count('clicked');
  const opened = clicked + count('opened');
  const delivered = opened + count('delivered');
  const sent = Object.entries(messages)
    .filter(([status]) => COUNTS_AS_SENT.has(status))
    .reduce((sum, [, n]) => sum + n, 0);
  return { clicked, opened, delivered, sent };
}

export function nodeCounters(type: string, stats: NodeStats | undefined): Counter[] {
  const s = stats ?? EMPTY_NODE_STATS;
  const counters: Counter[] = [{ key: 'entered', label: 'entered', value: s.entered }];
  if (type.startsWith('wait.') || s.waiting > 0) {
    counters.push({ key: 'waiting', label: 'waiting now', value: s.waiting });
  }
  if (type.startsWith('send.')) {
    const funnel = messageFunnel(s.messages ?? {});
    counters.push({ key: 'sent', label: 'sent', value: funnel.sent });
    for (const step of ['delivered', 'opened', 'clicked'] as const) {
      if (funnel[step] > 0) counters.push({ key: step, label: step, value: funnel[step] });
    }
    const bounced = s.messages?.bounced ?? 0;
    if (bounced > 0) counters.push({ key: 'bounced', label: 'bounced', value: bounced, tone: 'warning' });
  }
  for (const [reason, n] of Object.entries(s.skippedBy ?? {}).sort((a, b) => b[1] - a[1])) {
    counters.push({ key: `skipped:${reason}`, label: `skipped: ${reason}`, value: n, tone: 'warning' });
  }
  if (s.failed > 0) counters.push({ key: 'failed', label: 'failed', value: s.failed, tone: 'danger' });
  return counters;
}
