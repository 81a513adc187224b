// Inspector forms for actions (coupon, profile update, webhook) and the exit.
import { DurationField } from './duration-fields';
import { NumberField, SelectField, TagsField, TextAreaField, TextField } from '../../forms/fields';
import type { NodeFormProps } from './form-props';
import { KeyValueField } from './KeyValueField';

type CouponKind = 'percent' | 'fixed' | 'free_shipping';

export function ActionCouponForm({ data, onChange }: NodeFormProps<'action.coupon'>) {
  const invalidPercent = data.kind === 'percent' && ((data.value ?? 0) <= 0 || (data.value ?? 0) > 100);
  return (
    <>
      <SelectField<CouponKind>
        label="Discount"
        value={data.kind}
        options={[
          { value: 'percent', label: 'Percentage off' },
          { value: 'fixed', label: 'Fixed amount off' },
          { value: 'free_shipping', label: 'Free shipping' },
        ]}
        onChange={(kind) =>
          onChange({ ...data, kind, value: kind === 'free_shipping' ? 0 : data.value }, 'kind')
        }
      />
      {data.kind !== 'free_shipping' && (
        <NumberField
          label={data.kind === 'percent' ? 'Percentage' : 'Amount'}
          suffix={data.kind === 'percent' ? '%' : undefined}
          min={0}
          max={data.kind === 'percent' ? 100 : undefined}
          step={data.kind === 'percent' ? 1 : 0.01}
          value={data.value}
          error={invalidPercent ? 'A percentage coupon is worth 1 to 100 %.' : null}
          onChange={(value) => onChange({ ...data, value: value ?? 0 }, 'value')}
        />
      )}
      <DurationField
        label="Expires after"
        defaultUnit="d"
        value={data.expiresIn}
        hint="Leave empty for a coupon that does not expire."
        onChange={(expiresIn) =>
          onChange({ ...data, expiresIn: /^\d+/.test(expiresIn) ? expiresIn : undefined }, 'expiresIn')
        }
      />
      <TextField
        label="Code prefix"
        value={data.prefix}
        placeholder="e.g. WELCOME"
        hint="Codes look like PREFIX-7K2Q9D; up to 20 characters."
        onChange={(prefix) => onChange({ ...data, prefix: prefix.slice(0, 20) }, 'prefix')}
      />
    </>
  );
}

/** Typed values: numbers and true/false are stored as such, anything else as text. */
function parseAttributeValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

export function ActionUpdateProfileForm({ data, onChange }: NodeFormProps<'action.update_profile'>) {
  return (
    <>
      <KeyValueField
        label="Set attributes"
        keyLabel="Attribute"
        valueLabel="Value"
        value={data.set ?? {}}
        parse={parseAttributeValue}
        onChange={(set) => onChange({ ...data, set: Object.keys(set).length > 0 ? set : undefined }, 'set')}
      />
      <TagsField
        label="Add tags"
        value={data.addTags}
        onChange={(addTags) => onChange({ ...data, addTags }, 'addTags')}
      />
      <TagsField
        label="Remove tags"
        value={data.removeTags}
        onChange={(removeTags) => onChange({ ...data, removeTags }, 'removeTags')}
      />
      <NumberField
        label="Award loyalty points"
        step={1}
        value={data.awardPoints}
        hint="Negative to deduct."
        onChange={(awardPoints) =>
          onChange(
            { ...data, awardPoints: awardPoints === undefined ? undefined : Math.trunc(awardPoints) },
            'awardPoints',
          )
        }
      />
    </>
  );
}

export function ActionWebhookForm({ data, onChange }: NodeFormProps<'action.webhook'>) {
  return (
    <>
      <TextField
        label="URL"
        type="url"
        value={data.url}
        placeholder="https://hooks.example.com/waypoint"
        hint="Called with POST; the body is signed with HMAC-SHA256."
        onChange={(url) => onChange({ ...data, url }, 'url')}
      />
      <TextAreaField
        label="JSON body (Handlebars)"
        value={data.body}
        rows={6}
        hint="Leave empty to send the customer and the trigger event."
        onChange={(body) => onChange({ ...data, body: body === '' ? undefined : body }, 'body')}
      />
    </>
  );
}

export function ExitForm(_props: NodeFormProps<'exit'>) {
  return <p className="muted small">The run ends here. Every path of a journey ends in an exit.</p>;
}
