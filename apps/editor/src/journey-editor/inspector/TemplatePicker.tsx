// The template picker of a send step: the channel's templates from the one module that knows
// them (message-templates.ts), plus the current value when the list does not have it, and a link
// to the chosen template's page ("Edit template").
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Hint, type BaseProps } from '../../forms/fields';
import { hrefFor } from '../../hash-route';
import { templateQueries, type TemplateChannel } from '../../message-templates';

/** The templates of one channel, from the one module that knows them (an API later). */
export function TemplatePicker({
  label = 'Template',
  hint,
  channel,
  value,
  onChange,
  optional = false,
}: Partial<BaseProps> & {
  channel: TemplateChannel;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  optional?: boolean;
}) {
  const id = useId();
  const { data: templates, error } = useQuery(templateQueries.list());
  const names = templates?.[channel] ?? [];
  const current = value ?? '';
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={current}
        aria-describedby={hint || error ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{optional ? 'None' : 'Choose a template…'}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        {current !== '' && templates && !names.includes(current) && (
          <option value={current}>{current} (not in the template list)</option>
        )}
      </select>
      {current !== '' && (
        <a className="small" href={hrefFor({ page: 'template', channel, name: current })}>
          Edit template
        </a>
      )}
      {(hint || error) && (
        <Hint id={`${id}-hint`}>{error ? `Could not load the template list: ${error.message}` : hint}</Hint>
      )}
    </div>
  );
}
