// The store profile on the settings page: time zone, currency, default locale and country, then the
// sending defaults (quiet hours per channel, frequency caps across journeys). Admins edit; others
// read the same form disabled. "Use the shop's values" fills what the connected shop says about
// itself (GET /v1/store/connection). A refused value is shown next to its field.
import { useQuery } from '@tanstack/react-query';
import type { StoreProfile } from '../api-types';
import { CheckboxField, FieldError, NumberField, SelectField, TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { storeQueries } from '../store/store-queries';
import { useSettingErrors, type SettingErrors } from './setting-errors';
import { useChangeStoreProfile } from './settings-queries';

const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
const CHANNEL_LABELS = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' } as const;
const TIME_ZONES = Intl.supportedValuesOf('timeZone');
const CURRENCIES = Intl.supportedValuesOf('currency').map((value) => ({ value }));
const LOCALES = ['tr', 'en', 'en-US', 'en-GB', 'de', 'fr'].map((value) => ({ value }));

type Cap = StoreProfile['frequencyCaps'][number];

export function StoreProfileSection({ profile, editable }: { profile: StoreProfile; editable: boolean }) {
  const change = useChangeStoreProfile();
  const { errors, send } = useSettingErrors();
  const shop = useQuery({ ...storeQueries.connection(), enabled: editable });
  const zones = TIME_ZONES.includes(profile.timeZone) ? TIME_ZONES : [profile.timeZone, ...TIME_ZONES];

  const save = (values: StoreProfile) => send(() => change.mutateAsync(values));

  return (
    <Form
      key={JSON.stringify(profile)}
      initialValues={profile}
      onSubmit={save}
      errorPrefix="Not saved: "
      aria-label="Store profile"
      className="section"
      actions={editable && <SubmitButton label="Save store settings" pendingLabel="Saving…" />}
    >
      {(form) => (
        <fieldset className="settings-fieldset" disabled={!editable}>
          <section aria-labelledby="store-heading" className="section">
            <h2 id="store-heading">Store</h2>
            {editable && shop.data?.connected && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  if (shop.data.timezone) form.set('timeZone', shop.data.timezone);
                  if (shop.data.currency) form.set('currency', shop.data.currency);
                  if (shop.data.locale) form.set('locale', shop.data.locale);
                }}
              >
                Use the shop&apos;s values (
                {[shop.data.timezone, shop.data.currency, shop.data.locale].filter(Boolean).join(', ')})
              </button>
            )}
            <div className="settings-grid">
              <div>
                <SelectField
                  label="Time zone"
                  hint="For customers without their own; the daily lifecycle run happens at 03:00 here."
                  value={form.values.timeZone}
                  options={zones.map((zone) => ({ value: zone, label: zone }))}
                  onChange={(value) => form.set('timeZone', value)}
                />
                {errors.timeZone && <FieldError>{errors.timeZone}</FieldError>}
              </div>
              <TextField
                label="Currency"
                hint="ISO 4217, e.g. TRY: money in messages is shown in it."
                suggestions={CURRENCIES}
                {...form.field('currency')}
                error={errors.currency}
              />
              <TextField
                label="Default locale"
                hint="BCP 47, e.g. tr or en-US: the language of messages for customers without one."
                suggestions={LOCALES}
                {...form.field('locale')}
                error={errors.locale}
              />
              <TextField
                label="Country"
                hint="ISO 3166, e.g. TR: how phone numbers without a country code are read."
                {...form.field('country')}
                error={errors.country}
              />
            </div>
          </section>
          <section aria-labelledby="sending-heading" className="section">
            <h2 id="sending-heading">Sending defaults</h2>
            <p className="muted">
              Quiet hours apply to journeys that set none for the channel, in the customer&apos;s time zone;
              frequency caps count every journey&apos;s sends, on top of each journey&apos;s own.
              Transactional messages ignore both.
            </p>
            <div className="settings-grid">
              {CHANNELS.map((channel) => {
                const window = form.values.quietHours[channel];
                const setWindow = (next: typeof window) =>
                  form.set('quietHours', { ...form.values.quietHours, [channel]: next });
                return (
                  <div key={channel}>
                    <CheckboxField
                      label={`${CHANNEL_LABELS[channel]} quiet hours`}
                      checked={window !== null}
                      onChange={(on) => setWindow(on ? { start: '21:00', end: '08:00' } : null)}
                    />
                    {window && (
                      <div className="inline-form">
                        <TextField
                          label={`${CHANNEL_LABELS[channel]} quiet from`}
                          type="time"
                          value={window.start}
                          onChange={(start) => setWindow({ ...window, start })}
                        />
                        <TextField
                          label={`${CHANNEL_LABELS[channel]} quiet until`}
                          type="time"
                          value={window.end}
                          onChange={(end) => setWindow({ ...window, end })}
                        />
                      </div>
                    )}
                    {errors[`quietHours.${channel}`] && (
                      <FieldError>{errors[`quietHours.${channel}`]}</FieldError>
                    )}
                  </div>
                );
              })}
            </div>
            <FrequencyCaps
              caps={form.values.frequencyCaps}
              onChange={(caps) => form.set('frequencyCaps', caps)}
              errors={errors}
            />
          </section>
        </fieldset>
      )}
    </Form>
  );
}

function FrequencyCaps({
  caps,
  onChange,
  errors,
}: {
  caps: Cap[];
  onChange: (caps: Cap[]) => void;
  errors: SettingErrors;
}) {
  const replace = (i: number, cap: Cap) => onChange(caps.map((c, j) => (j === i ? cap : c)));
  return (
    <div aria-label="Frequency caps" role="group">
      <h3>Frequency caps</h3>
      {caps.length === 0 && <p className="muted">No store-wide caps: only each journey&apos;s own.</p>}
      {caps.map((cap, i) => (
        <div key={i} className="inline-form">
          <SelectField
            label={`Cap ${i + 1} channel`}
            value={cap.channel}
            options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
            onChange={(channel) => replace(i, { ...cap, channel })}
          />
          <NumberField
            label={`Cap ${i + 1} at most`}
            min={1}
            value={cap.max}
            onChange={(max) => replace(i, { ...cap, max: max ?? 1 })}
            suffix="messages"
          />
          <TextField
            label={`Cap ${i + 1} per`}
            hint='A duration, e.g. "24h" or "7d".'
            value={cap.per}
            onChange={(per) => replace(i, { ...cap, per })}
            error={errors[`frequencyCaps[${i}].per`]}
          />
          <button type="button" className="button" onClick={() => onChange(caps.filter((_, j) => j !== i))}>
            Remove cap {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => onChange([...caps, { channel: 'sms', max: 1, per: '24h' }])}
      >
        Add a cap
      </button>
    </div>
  );
}
