// The journey's own settings (docs/product.md, Settings): exit rules, goal, re-entry, quiet hours per channel and
// frequency caps. Shown in the inspector when no single step is selected.
import { CHANNELS, DEFAULT_QUIET_HOURS, type Channel } from '@waypoint/journey';
import { useId, type ReactNode } from 'react';
import { CANONICAL_EVENTS } from './catalog';
import { ConditionBuilder } from './inspector/ConditionBuilder';
import { DurationField } from './inspector/duration-fields';
import { CheckboxField, NumberField, SelectField, TextField } from '../forms/fields';
import { channelLabel } from '../outbox-display';
import type { JourneySettingsInput } from './journey-flow';
import { useJourneyDocument } from './JourneyEditorContext';

type ReentryMode = 'never' | 'after_exit' | 'cooldown';
type QuietChoice = 'default' | 'none' | 'custom';

const CHANNEL_OPTIONS = CHANNELS.map((channel) => ({ value: channel, label: channelLabel(channel) }));
const events = CANONICAL_EVENTS.map((event) => ({ value: event }));

export function JourneySettingsForm() {
  const settings = useJourneyDocument((s) => s.settings);
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const updateSettings = useJourneyDocument((s) => s.updateSettings);
  const headingId = useId();
  const change = (next: JourneySettingsInput, field: string) => updateSettings(next, field);

  const exitOn = settings.exitOn ?? [];
  const reentry = settings.reentry ?? { mode: 'after_exit' as const };
  const quietHours = settings.quietHours ?? {};
  const caps = settings.frequencyCap ?? [];
  const goal = settings.goal;

  return (
    <section className="inspector__section" aria-labelledby={headingId}>
      <header className="inspector__header">
        <h2 id={headingId}>Journey settings</h2>
        <p className="inspector__meta">Select a step on the canvas to edit it.</p>
      </header>
      <fieldset className="inspector__form" disabled={readOnly}>
        <legend className="visually-hidden">Journey settings</legend>

        <SettingsGroup
          title="Exit rules"
          hint="These events end the run at once, even in the middle of a wait."
        >
          {exitOn.length === 0 && <p className="muted small">No exit rules.</p>}
          <ol className="stack-list">
            {exitOn.map((rule, index) => (
              <li key={index} className="stack-list__item">
                <TextField
                  label={`Exit rule ${index + 1}: event`}
                  value={rule.event}
                  suggestions={events}
                  onChange={(event) =>
                    change(
                      { ...settings, exitOn: exitOn.map((r, i) => (i === index ? { ...r, event } : r)) },
                      `exit:${index}`,
                    )
                  }
                />
                <ConditionBuilder
                  label={`Exit rule ${index + 1}: only when`}
                  kinds={['property']}
                  value={rule.filter}
                  emptyText="Any such event ends the run."
                  onChange={(filter) =>
                    change(
                      { ...settings, exitOn: exitOn.map((r, i) => (i === index ? { ...r, filter } : r)) },
                      `exit-filter:${index}`,
                    )
                  }
                />
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() =>
                    change({ ...settings, exitOn: exitOn.filter((_, i) => i !== index) }, 'exit-remove')
                  }
                >
                  Remove exit rule {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              change({ ...settings, exitOn: [...exitOn, { event: 'order.placed' }] }, 'exit-add')
            }
          >
            Add exit rule
          </button>
        </SettingsGroup>

        <SettingsGroup title="Goal" hint="Conversions and their revenue are attributed to this journey.">
          <CheckboxField
            label="Track a conversion goal"
            checked={settings.goal !== undefined}
            onChange={(on) =>
              change(
                {
                  ...settings,
                  goal: on
                    ? { event: 'order.placed', window: '7d', revenueProperty: 'totalPrice' }
                    : undefined,
                },
                'goal-toggle',
              )
            }
          />
          {goal && (
            <>
              <TextField
                label="Goal event"
                value={goal.event}
                suggestions={events}
                onChange={(event) => change({ ...settings, goal: { ...goal, event } }, 'goal-event')}
              />
              <DurationField
                label="Within"
                defaultUnit="d"
                value={goal.window}
                hint="Counted when the event happens this long after the customer entered."
                onChange={(window) => change({ ...settings, goal: { ...goal, window } }, 'goal-window')}
              />
              <TextField
                label="Revenue property"
                value={goal.revenueProperty ?? 'totalPrice'}
                onChange={(revenueProperty) =>
                  change({ ...settings, goal: { ...goal, revenueProperty } }, 'goal-revenue')
                }
              />
            </>
          )}
        </SettingsGroup>

        <SettingsGroup title="Re-entry" hint="Whether a customer may go through this journey again.">
          <SelectField<ReentryMode>
            label="A customer may enter again"
            value={reentry.mode}
            options={[
              { value: 'never', label: 'never' },
              { value: 'after_exit', label: 'once their previous run has ended' },
              { value: 'cooldown', label: 'after a cooldown' },
            ]}
            onChange={(mode) =>
              change(
                {
                  ...settings,
                  reentry: mode === 'cooldown' ? { mode, cooldown: reentry.cooldown ?? '30d' } : { mode },
                },
                'reentry',
              )
            }
          />
          {reentry.mode === 'cooldown' && (
            <DurationField
              label="Cooldown"
              defaultUnit="d"
              value={reentry.cooldown}
              onChange={(cooldown) => change({ ...settings, reentry: { ...reentry, cooldown } }, 'cooldown')}
            />
          )}
        </SettingsGroup>

        <SettingsGroup
          title="Quiet hours"
          hint="In the customer’s time zone; a send inside the window waits until it ends."
        >
          {(['email', 'sms', 'whatsapp'] as const).map((channel) => (
            <QuietHoursField
              key={channel}
              channel={channel}
              value={quietHours[channel]}
              onChange={(window) =>
                change({ ...settings, quietHours: { ...quietHours, [channel]: window } }, `quiet:${channel}`)
              }
            />
          ))}
        </SettingsGroup>

        <SettingsGroup
          title="Frequency cap"
          hint="Counts every journey’s messages to the customer on the channel."
        >
          {caps.length === 0 && <p className="muted small">No cap.</p>}
          <ol className="stack-list">
            {caps.map((cap, index) => {
              const replace = (next: (typeof caps)[number], field: string) =>
                change(
                  { ...settings, frequencyCap: caps.map((c, i) => (i === index ? next : c)) },
                  `cap:${index}:${field}`,
                );
              return (
                <li key={index} className="stack-list__item stack-list__item--row">
                  <SelectField<Channel>
                    label={`Cap ${index + 1}: channel`}
                    value={cap.channel}
                    options={CHANNEL_OPTIONS}
                    onChange={(channel) => replace({ ...cap, channel }, 'channel')}
                  />
                  <NumberField
                    label={`Cap ${index + 1}: at most`}
                    min={1}
                    step={1}
                    value={cap.max}
                    onChange={(max) => replace({ ...cap, max: Math.max(1, Math.trunc(max ?? 1)) }, 'max')}
                  />
                  <DurationField
                    label={`Cap ${index + 1}: per`}
                    value={cap.per}
                    onChange={(per) => replace({ ...cap, per }, 'per')}
                  />
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    onClick={() =>
                      change({ ...settings, frequencyCap: caps.filter((_, i) => i !== index) }, 'cap-remove')
                    }
                  >
                    Remove cap {index + 1}
                  </button>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              change(
                { ...settings, frequencyCap: [...caps, { channel: 'sms', max: 1, per: '24h' }] },
                'cap-add',
              )
            }
          >
            Add cap
          </button>
        </SettingsGroup>
      </fieldset>
    </section>
  );
}

function SettingsGroup({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-group" aria-labelledby={id}>
      <h3 id={id} className="settings-group__title">
        {title}
      </h3>
      <p className="field__hint">{hint}</p>
      {children}
    </section>
  );
}

type QuietWindow = { start: string; end: string } | null | undefined;

/** SMS and WhatsApp default to 21:00–08:00 (undefined); null turns quiet hours off. */
function QuietHoursField({
  channel,
  value,
  onChange,
}: {
  channel: Channel;
  value: QuietWindow;
  onChange: (value: QuietWindow) => void;
}) {
  const fallback = channel === 'email' ? undefined : DEFAULT_QUIET_HOURS[channel];
  const choice: QuietChoice =
    value === undefined ? (fallback ? 'default' : 'none') : value === null ? 'none' : 'custom';
  const options: Array<{ value: QuietChoice; label: string }> = [
    ...(fallback
      ? [{ value: 'default' as const, label: `Default (${fallback.start}–${fallback.end})` }]
      : []),
    { value: 'none', label: 'None' },
    { value: 'custom', label: 'Custom' },
  ];
  return (
    <div className="quiet-hours">
      <SelectField<QuietChoice>
        label={`${channelLabel(channel)} quiet hours`}
        value={choice}
        options={options}
        onChange={(next) =>
          onChange(
            next === 'default'
              ? undefined
              : next === 'none'
                ? fallback
                  ? null
                  : undefined
                : (value ?? fallback ?? { start: '21:00', end: '08:00' }),
          )
        }
      />
      {value && (
        <span className="input-group">
          <TextField
            label={`${channelLabel(channel)} quiet from`}
            type="time"
            value={value.start}
            onChange={(start) => onChange({ ...value, start })}
          />
          <TextField
            label={`${channelLabel(channel)} quiet until`}
            type="time"
            value={value.end}
            onChange={(end) => onChange({ ...value, end })}
          />
        </span>
      )}
    </div>
  );
}
