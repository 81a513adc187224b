// How outbox messages are named in lists: channel labels and a one-line summary per message.
import type { Channel, OutboxItem } from './api-types';
import type { StatusTone } from './status-tone';

const channelLabels: Record<Channel, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' };

export function channelLabel(channel: Channel): string {
  return channelLabels[channel] ?? channel;
}

/** The first non-blank line of a text, trimmed and shortened to `max` characters. */
export function firstLine(text: string | null | undefined, max = 120): string | null {
  const line = text
    ?.split(/\r?\n/)
    .map((candidate) => candidate.trim())
    .find((candidate) => candidate !== '');
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * The line a list shows for a message: the email subject, else the first line of the text body
 * (SMS and WhatsApp have no subject), else null when the list carries neither.
 */
export function messageSummary(item: Pick<OutboxItem, 'subject' | 'bodyText'>): string | null {
  const subject = item.subject?.trim();
  if (subject) return subject;
  return firstLine(item.bodyText);
}

const statusTones: Record<string, StatusTone> = {
  sandboxed: 'info',
  stored: 'info',
  rendered: 'info',
  queued: 'neutral',
  pending: 'neutral',
  sending: 'neutral',
  accepted: 'neutral',
  sent: 'success',
  delivered: 'success',
  opened: 'success',
  clicked: 'success',
  read: 'success',
  skipped: 'warning',
  deferred: 'warning',
  failed: 'danger',
  bounced: 'danger',
  undelivered: 'danger',
  dropped: 'danger',
  rejected: 'danger',
};

/** The colour family of a message status; unknown statuses stay neutral rather than alarming. */
export function outboxStatusTone(status: string): StatusTone {
  return statusTones[status.toLowerCase()] ?? 'neutral';
}
