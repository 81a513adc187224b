// Words and tones for a run's state and its steps, as the run and customer pages show them.
import type { StatusTone } from '../status-tone';

export function runStatusTone(status: string): StatusTone {
  switch (status) {
    case 'running':
      return 'info';
    case 'completed':
      return 'success';
    case 'exited':
      return 'neutral';
    case 'cancelled':
      return 'muted';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function stepOutcomeTone(outcome: string): StatusTone {
  switch (outcome) {
    case 'completed':
      return 'success';
    case 'waiting':
      return 'info';
    case 'skipped':
      return 'warning';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** "delivered 10:02, opened 10:15" from a message's delivery times, in order. */
export function deliveryTrail(
  message: {
    sentAt: string | null;
    deliveredAt: string | null;
    openedAt: string | null;
    clickedAt: string | null;
    bouncedAt: string | null;
  },
  format: (iso: string) => string,
): string {
  const parts: Array<[string, string | null]> = [
    ['sent', message.sentAt],
    ['delivered', message.deliveredAt],
    ['opened', message.openedAt],
    ['clicked', message.clickedAt],
    ['bounced', message.bouncedAt],
  ];
  return parts
    .filter((part): part is [string, string] => part[1] !== null)
    .map(([label, at]) => `${label} ${format(at)}`)
    .join(', ');
}

/** What a person reads as the action in an audit entry. */
export function auditActionLabel(action: string): string {
  const labels: Record<string, string> = {
    'run.cancel': 'cancelled the run',
    'run.continue': 'ended the wait early',
    'user.create': 'added a person',
    'user.update': 'changed a person',
    'user.login': 'signed in',
    'api_key.create': 'created an API key',
    'api_key.revoke': 'revoked an API key',
    'journey.publish': 'published a journey',
    'journey.pause': 'paused a journey',
    'journey.resume': 'resumed a journey',
    'journey.archive': 'archived a journey',
    'journey.create': 'created a journey',
    'template.save': 'saved a template',
    'segment.create': 'created a segment',
    'product.save': 'changed a product',
    'settings.lifecycle': 'changed the lifecycle settings',
    'user.reset_admin': 'reset an admin (command line)',
  };
  return labels[action] ?? action;
}
