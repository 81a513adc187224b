/**
 * Where a send runs, shared by the workflow (which schedules it) and the worker (which polls for
 * it): one Temporal task queue per channel, named after the journeys queue, so the channel's rate
 * is the queue's (`maxTaskQueueActivitiesPerSecond`, enforced by the server for every worker of
 * that queue), and a priority per message category inside it, so a transactional message is
 * dispatched before any marketing one waiting in that queue. Why one queue and priorities rather
 * than a queue per category: docs/architecture.md, "Pacing and priority".
 */
import type { Channel, MessageCategory } from '@waypoint/journey';

/** The send activity of each channel: the only activity its queue's workers run. */
export const SEND_ACTIVITY = {
  email: 'sendEmail',
  sms: 'sendSms',
  whatsapp: 'sendWhatsapp',
} as const satisfies Record<Channel, string>;

export type SendActivityName = (typeof SEND_ACTIVITY)[Channel];

/**
 * Temporal priority keys (1 is dispatched first, 5 last; unset is 3). Transactional messages
 * (order updates, anything a customer is waiting for) overtake a marketing backlog.
 */
export const SEND_PRIORITY: Record<MessageCategory, number> = {
  transactional: 1,
  marketing: 5,
};

/** The task queue of a channel's sends, e.g. `journeys-sends-sms` beside `journeys`. */
export function sendTaskQueue(journeysQueue: string, channel: Channel): string {
  return `${journeysQueue}-sends-${channel}`;
}
