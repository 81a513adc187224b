// Templates (`#/templates`, marketers): every email, SMS and WhatsApp template with its locales,
// latest version, when it was saved and the journeys that use it (each a link to its canvas), and
// "New template" (a channel and a name; the template page opens empty and it exists once saved).
import { useQuery } from '@tanstack/react-query';
import { CHANNELS, type Channel } from '@waypoint/journey';
import { useState } from 'react';
import type { TemplateSummary, TemplateUse } from '../api-types';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { SelectField, TextField } from '../forms/fields';
import { DialogActions, Form } from '../forms/Form';
import { hrefFor } from '../hash-route';
import { RelativeTime } from '../RelativeTime';
import { StatusPill } from '../StatusPill';
import { useNow } from '../useNow';
import { CHANNEL_LABELS, templateNameProblem } from './template-names';
import { templatePageQueries } from './templates-queries';

export function TemplatesPage() {
  const overview = useQuery(templatePageQueries.overview());
  const [creating, setCreating] = useState(false);
  const now = useNow();

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Templates</h1>
          <p className="page-header__lead">
            The words of every message: email, SMS and WhatsApp, in each language you sell in. Saving makes a
            new version; a live journey keeps sending the version it was published with.
          </p>
        </div>
        <div className="page-header__actions">
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New template
          </button>
        </div>
      </header>
      {overview.error && (
        <ErrorNotice
          what="templates"
          error={overview.error}
          onRetry={() => void overview.refetch()}
          retrying={overview.isFetching}
        />
      )}
      {overview.isPending && (
        <p className="placeholder" role="status">
          Loading templates…
        </p>
      )}
      {overview.data &&
        CHANNELS.map((channel) => (
          <ChannelSection
            key={channel}
            channel={channel}
            templates={overview.data.filter((t) => t.channel === channel)}
            now={now}
          />
        ))}
      {creating && (
        <NewTemplateDialog
          taken={overview.data ?? []}
          onCancel={() => setCreating(false)}
          onCreate={(channel, name) => {
            setCreating(false);
            window.location.hash = hrefFor({ page: 'template', channel, name });
          }}
        />
      )}
    </>
  );
}

function ChannelSection({
  channel,
  templates,
  now,
}: {
  channel: Channel;
  templates: TemplateSummary[];
  now: Date;
}) {
  const headingId = `templates-${channel}`;
  return (
    <section aria-labelledby={headingId} className="templates-section">
      <h2 id={headingId}>{CHANNEL_LABELS[channel]}</h2>
      {templates.length === 0 ? (
        <p className="muted">No {CHANNEL_LABELS[channel]} template yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={`${CHANNEL_LABELS[channel]} templates`}>
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Locales</th>
                <th scope="col">Version</th>
                <th scope="col">Updated</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.name}>
                  <th scope="row">
                    <a href={hrefFor({ page: 'template', channel, name: template.name })}>{template.name}</a>
                  </th>
                  <td data-label="locales">{template.locales.join(', ') || '—'}</td>
                  <td>
                    {template.version === null ? (
                      <StatusPill tone="neutral">shipped</StatusPill>
                    ) : (
                      `v${template.version}`
                    )}
                  </td>
                  <td>{template.updatedAt ? <RelativeTime time={template.updatedAt} now={now} /> : '—'}</td>
                  <td>
                    <UsedBy uses={template.usedBy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The journeys (one line per journey) using a template, with their status. */
export function UsedBy({ uses }: { uses: readonly TemplateUse[] }) {
  if (uses.length === 0) return <span className="muted">—</span>;
  const journeys = [...new Map(uses.map((use) => [use.journeyId, use])).values()];
  return (
    <ul className="plain-list">
      {journeys.map((use) => (
        <li key={use.journeyId}>
          <a href={hrefFor({ page: 'journey', id: use.journeyId })}>{use.journeyName}</a>{' '}
          <span className="muted">({use.journeyStatus})</span>
        </li>
      ))}
    </ul>
  );
}

function NewTemplateDialog({
  taken,
  onCancel,
  onCreate,
}: {
  taken: readonly TemplateSummary[];
  onCancel: () => void;
  onCreate: (channel: Channel, name: string) => void;
}) {
  return (
    <Dialog title="New template" onCancel={onCancel}>
      <Form<{ channel: Channel; name: string }>
        initialValues={{ channel: 'email', name: '' }}
        validate={(values) => ({
          name:
            templateNameProblem(values.name.trim()) ??
            (taken.some((t) => t.channel === values.channel && t.name === values.name.trim())
              ? `There is a ${CHANNEL_LABELS[values.channel]} template “${values.name.trim()}” already.`
              : undefined),
        })}
        onSubmit={async (values) => onCreate(values.channel, values.name.trim())}
        actions={<DialogActions onCancel={onCancel} label="Create template" />}
      >
        {(form) => (
          <>
            <SelectField<Channel>
              label="Channel"
              options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
              {...form.field('channel')}
            />
            <TextField
              label="Name"
              required
              autoFocus
              maxLength={200}
              hint='Lowercase letters, digits, "-" and "_", e.g. "spring-sale".'
              {...form.field('name')}
            />
          </>
        )}
      </Form>
    </Dialog>
  );
}
