// What the templates pages call the channels, and the rule for a template's name (the API's own:
// lowercase letters, digits, "-" and "_"; it answers 400 `invalid_name` otherwise).
import type { Channel } from '@waypoint/journey';

export const CHANNEL_LABELS: Record<Channel, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' };

export function templateNameProblem(name: string): string | undefined {
  if (name === '') return 'Give the template a name.';
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name))
    return 'Use lowercase letters, digits, "-" and "_" (start with a letter or digit).';
  return undefined;
}
