// Words and tones for a run's state and its steps, as the run and customer pages show them.
import type { RunStatus, StepOutcome } from '@waypoint/journey';
import type { StatusTone } from '../status-tone';

const RUN_STATUS_TONES: Record<RunStatus, StatusTone> = {
  running: 'info',
  completed: 'success',
  exited: 'neutral',
  cancelled: 'muted',
  failed: 'danger',
};

const STEP_OUTCOME_TONES: Record<StepOutcome, StatusTone> = {
  completed: 'success',
  waiting: 'info',
  skipped: 'warning',
  failed: 'danger',
};

/** An unknown status (from a newer API) stays neutral rather than alarming. */
export function runStatusTone(status: RunStatus | (string & {})): StatusTone {
  return Object.hasOwn(RUN_STATUS_TONES, status) ? RUN_STATUS_TONES[status as RunStatus] : 'neutral';
}

export function stepOutcomeTone(outcome: StepOutcome | (string & {})): StatusTone {
  return Object.hasOwn(STEP_OUTCOME_TONES, outcome) ? STEP_OUTCOME_TONES[outcome as StepOutcome] : 'neutral';
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
