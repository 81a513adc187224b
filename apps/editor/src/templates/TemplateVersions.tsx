/**
 * A template's saved versions, newest first: who saved each and when, its locales, and which
 * journey versions were published with it (a live journey keeps sending that version until it is
 * published again). "View" shows an old version's source, read-only, per locale.
 */
import { useQuery } from '@tanstack/react-query';
import type { Channel } from '@waypoint/journey';
import { useState } from 'react';
import type { TemplateSource } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { RelativeTime } from '../RelativeTime';
import { useNow } from '../useNow';
import { templatePageQueries } from './templates-queries';

export function TemplateVersions({ template }: { template: TemplateSource }) {
  const [viewing, setViewing] = useState<number | null>(null);
  const now = useNow();
  if (template.versions.length === 0) {
    return (
      <section className="template-panel" aria-labelledby="template-versions-heading">
        <h2 id="template-versions-heading">Versions</h2>
        <p className="muted">The shipped text: saving it makes version 1.</p>
      </section>
    );
  }
  return (
    <section className="template-panel" aria-labelledby="template-versions-heading">
      <h2 id="template-versions-heading">Versions</h2>
      <div className="table-wrap">
        <table className="table table--compact" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Locales</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {template.versions.map((version) => {
              const uses = template.usedBy.filter((use) => use.templateVersion === version.version);
              return (
                <tr key={version.version} data-version={version.version}>
                  <th scope="row">v{version.version}</th>
                  <td>
                    <RelativeTime time={version.createdAt} now={now} />
                    {version.createdBy && <span className="muted"> by {version.createdBy}</span>}
                  </td>
                  <td>{version.locales.join(', ')}</td>
                  <td data-label="used-by">
                    {uses.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list">
                        {uses.map((use) => (
                          <li key={`${use.journeyId}-${use.journeyVersion}`}>
                            <a href={hrefFor({ page: 'journey', id: use.journeyId })}>{use.journeyName}</a>{' '}
                            <span className="muted">
                              v{use.journeyVersion} ({use.journeyStatus})
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-expanded={viewing === version.version}
                      onClick={() => setViewing(viewing === version.version ? null : version.version)}
                    >
                      View v{version.version}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {viewing !== null && (
        <VersionSource channel={template.channel} name={template.name} version={viewing} />
      )}
    </section>
  );
}

function VersionSource({ channel, name, version }: { channel: Channel; name: string; version: number }) {
  const query = useQuery(templatePageQueries.version(channel, name, version));
  if (query.error) return <ErrorNotice what={`version ${version}`} error={query.error} />;
  if (!query.data)
    return (
      <p className="placeholder" role="status">
        Loading version {version}…
      </p>
    );
  return (
    <div className="template-version" aria-label={`Version ${version}`} role="region">
      {query.data.variants.map((variant) => (
        <div key={variant.locale}>
          <h3 className="template-preview__heading">
            v{version} · {variant.locale}
          </h3>
          <pre className="template-version__source">{variant.source}</pre>
        </div>
      ))}
    </div>
  );
}
