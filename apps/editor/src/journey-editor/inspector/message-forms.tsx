// Inspector forms for sends: email, SMS and WhatsApp (session template and/or approved template).
import { KeyValueField } from './KeyValueField';
import { SelectField, TextField } from '../../forms/fields';
import { TemplatePicker } from './TemplatePicker';
import type { NodeFormProps } from './form-props';

const CATEGORY_OPTIONS = [
  { value: 'marketing', label: 'Marketing (needs consent, honours quiet hours and caps)' },
  { value: 'transactional', label: 'Transactional' },
] as const;

function CategoryField({
  value,
  onChange,
}: {
  value: 'marketing' | 'transactional' | undefined;
  onChange: (value: 'marketing' | 'transactional') => void;
}) {
  return (
    <SelectField
      label="Category"
      value={value ?? 'marketing'}
      options={CATEGORY_OPTIONS}
      onChange={onChange}
    />
  );
}

export function SendEmailForm({ data, onChange }: NodeFormProps<'send.email'>) {
  return (
    <>
      <TemplatePicker
        channel="email"
        value={data.template}
        hint="Rendered with the customer, the cart or order and any coupon."
        onChange={(template) => onChange({ ...data, template: template ?? '' }, 'template')}
      />
      <TextField
        label="Sender (optional)"
        value={data.from}
        placeholder="Store name <hello@store.example>"
        onChange={(from) => onChange({ ...data, from: from.trim() === '' ? undefined : from }, 'from')}
      />
      <CategoryField
        value={data.category}
        onChange={(category) => onChange({ ...data, category }, 'category')}
      />
    </>
  );
}

export function SendSmsForm({ data, onChange }: NodeFormProps<'send.sms'>) {
  return (
    <>
      <TemplatePicker
        channel="sms"
        value={data.template}
        hint="Sent only to customers who opted in to SMS."
        onChange={(template) => onChange({ ...data, template: template ?? '' }, 'template')}
      />
      <CategoryField
        value={data.category}
        onChange={(category) => onChange({ ...data, category }, 'category')}
      />
    </>
  );
}

export function SendWhatsappForm({ data, onChange }: NodeFormProps<'send.whatsapp'>) {
  return (
    <>
      <TemplatePicker
        channel="whatsapp"
        label="Session template"
        optional
        value={data.template}
        hint="Free-form text, allowed only within 24 h of the customer’s last WhatsApp message."
        onChange={(template) => onChange({ ...data, template }, 'template')}
      />
      <TextField
        label="Approved template (content SID)"
        value={data.contentSid}
        placeholder="HX…"
        hint="Used outside the 24 h window."
        onChange={(contentSid) =>
          onChange({ ...data, contentSid: contentSid.trim() === '' ? undefined : contentSid }, 'contentSid')
        }
      />
      {data.contentSid && (
        <KeyValueField
          label="Template variables"
          keyLabel="Variable"
          valueLabel="Value (Handlebars)"
          value={data.contentVariables ?? {}}
          onChange={(contentVariables) =>
            onChange(
              {
                ...data,
                contentVariables:
                  Object.keys(contentVariables).length > 0
                    ? (contentVariables as Record<string, string>)
                    : undefined,
              },
              'contentVariables',
            )
          }
          parse={(text) => text}
        />
      )}
      <CategoryField
        value={data.category}
        onChange={(category) => onChange({ ...data, category }, 'category')}
      />
    </>
  );
}
