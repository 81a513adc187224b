// Lifecycle thresholds on the settings page, with a live preview: as the numbers change, the API
// counts how many customers each stage would hold under them (nothing is saved until Save).
// Admins edit; marketers read (and see the preview of the saved thresholds).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LifecycleSettings, LifecycleSettingsRequest } from '../api-types';
import { NumberField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { settingErrors, useSettingErrors } from './setting-errors';
import { settingsQueries, useSaveLifecycleSettings } from './settings-queries';

const STAGES = [
  ['lead', 'Lead (no order yet)'],
  ['first_time', 'First-time'],
  ['repeat', 'Repeat'],
  ['loyal', 'Loyal'],
  ['vip', 'VIP'],
  ['at_risk', 'At risk'],
  ['inactive', 'Inactive'],
] as const;

type Thresholds = Omit<LifecycleSettings, 'tiers'>;
const FIELDS: ReadonlyArray<{ name: keyof Thresholds; label: string; suffix?: string; step?: number }> = [
  { name: 'atRiskDays', label: 'At risk after', suffix: 'days without an order' },
  { name: 'atRiskRhythmFactor', label: '…or after their usual gap times', step: 0.1 },
  { name: 'inactiveDays', label: 'Inactive after', suffix: 'days without an order' },
  { name: 'loyalOrders', label: 'Loyal from', suffix: 'orders' },
  { name: 'vipSpent', label: 'VIP from', suffix: 'spent in total' },
  { name: 'pointsPerCurrencyUnit', label: 'Loyalty points per unit spent', step: 0.1 },
];

/** The value after it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function LifecycleSection({ settings, editable }: { settings: LifecycleSettings; editable: boolean }) {
  const save = useSaveLifecycleSettings();
  const { errors, send } = useSettingErrors();
  const submit = (values: LifecycleSettingsRequest) => send(() => save.mutateAsync(values));

  return (
    <section aria-labelledby="lifecycle-heading" className="section">
      <h2 id="lifecycle-heading">Lifecycle thresholds</h2>
      <Form<LifecycleSettingsRequest>
        key={JSON.stringify(settings)}
        initialValues={settings}
        onSubmit={submit}
        errorPrefix="Not saved: "
        aria-label="Lifecycle thresholds"
        actions={editable && <SubmitButton label="Save thresholds" pendingLabel="Saving…" />}
      >
        {(form) => (
          <>
            <fieldset className="settings-fieldset" disabled={!editable}>
              <div className="settings-grid">
                {FIELDS.map((field) => (
                  <NumberField
                    key={field.name}
                    label={field.label}
                    suffix={field.suffix}
                    step={field.step}
                    value={form.values[field.name]}
                    onChange={(value) => form.set(field.name, value)}
                    error={errors[field.name]}
                  />
                ))}
              </div>
            </fieldset>
            <StagePreview thresholds={form.values} />
          </>
        )}
      </Form>
    </section>
  );
}

function StagePreview({ thresholds }: { thresholds: LifecycleSettingsRequest }) {
  const settled = useSettled(thresholds, 300);
  const preview = useQuery(settingsQueries.lifecyclePreview(settled));
  const problems = settingErrors(preview.error);
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Customers per stage" aria-busy={preview.isFetching}>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Now</th>
            <th scope="col">With these thresholds</th>
          </tr>
        </thead>
        <tbody>
          {STAGES.map(([stage, label]) => (
            <tr key={stage} data-stage={stage}>
              <th scope="row">{label}</th>
              <td>{preview.data?.current[stage] ?? '…'}</td>
              <td data-testid={`preview-${stage}`}>{preview.data?.stages[stage] ?? '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.error && (
        <p className="field__error" role="alert">
          No preview:{' '}
          {Object.entries(problems)
            .map(([field, message]) => `${field} ${message}`)
            .join('; ') || preview.error.message}
        </p>
      )}
    </div>
  );
}
