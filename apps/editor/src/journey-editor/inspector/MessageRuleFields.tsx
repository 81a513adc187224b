// The fields of a "clicked a link" / "opened" rule (message-rules.ts): which of this journey's
// messages, and for a click, what the link's URL contains. Shared by the event wait and the branch.
import { SelectField, TextField } from '../../forms/fields';
import type { MessageRule, SendStep } from '../message-rules';

const ANY = '';

export function MessageRuleFields({
  label,
  rule,
  messages,
  onChange,
}: {
  /** Put before each field's label ("Rule 1"), or empty. */
  label: string;
  rule: MessageRule;
  messages: readonly SendStep[];
  onChange: (rule: MessageRule) => void;
}) {
  const named = (what: string) => (label ? `${label}: ${what}` : what[0].toUpperCase() + what.slice(1));
  const known = rule.nodeId === null || messages.some((m) => m.id === rule.nodeId);
  const options = [
    { value: ANY, label: 'any message of this journey' },
    ...messages.map((m) => ({ value: m.id, label: m.label })),
    ...(known ? [] : [{ value: rule.nodeId as string, label: `${rule.nodeId} (not a send step)` }]),
  ];
  return (
    <>
      <SelectField
        label={named('message')}
        value={rule.nodeId ?? ANY}
        options={options}
        hint={known ? undefined : 'This step is not a send step of this journey: choose another message.'}
        onChange={(nodeId) => onChange({ ...rule, nodeId: nodeId === ANY ? null : nodeId })}
      />
      {rule.action === 'clicked' && (
        <TextField
          label={named('link URL contains')}
          value={rule.urlContains}
          placeholder="e.g. /sale (empty: any link)"
          hint="Leave empty for any link in the message."
          onChange={(urlContains) => onChange({ ...rule, urlContains })}
        />
      )}
    </>
  );
}
