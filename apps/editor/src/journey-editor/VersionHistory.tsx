// Published versions, newest first, from the query cache. Each can be opened read-only on its own
// canvas (a separate editor, so nothing in it can touch the draft) and, from there, copied back
// into the draft.
import { useQuery } from '@tanstack/react-query';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { ReactFlowProvider } from '@xyflow/react';
import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { journeyQueries } from '../journey-queries';
import { RelativeTime } from '../RelativeTime';
import { useNow } from '../useNow';
import { Inspector } from './Inspector';
import { JourneyCanvas } from './JourneyCanvas';
import { createJourneyEditor } from './journey-editor';
import { JourneyEditorProvider, useJourneyEditor, useJourneyView } from './JourneyEditorContext';

export function VersionHistory({ journeyId }: { journeyId: string }) {
  const { data: versions, error, refetch, isFetching } = useQuery(journeyQueries.versions(journeyId));
  const viewVersion = useJourneyView((s) => s.viewVersion);
  const now = useNow();
  const headingId = useId();
  return (
    <aside className="inspector" aria-labelledby={headingId}>
      <section className="inspector__section">
        <header className="inspector__header">
          <h2 id={headingId}>Version history</h2>
          <p className="inspector__meta">
            Published versions never change; runs stay on the version they started on.
          </p>
        </header>
        {error && (
          <ErrorNotice
            what="the versions"
            error={error}
            onRetry={() => void refetch()}
            retrying={isFetching}
          />
        )}
        {versions && versions.length === 0 && <p className="muted">Not published yet.</p>}
        {versions && versions.length > 0 && (
          <ol className="versions">
            {versions.map((version) => (
              <li key={version.version} className="versions__item">
                <span className="versions__name">Version {version.version}</span>
                <span className="muted small">
                  published <RelativeTime time={version.publishedAt} now={now} />
                </span>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => viewVersion(version.version)}
                >
                  View version {version.version}
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  );
}

/** One past version on a read-only canvas, in place of the draft's (the draft's editor is the context). */
export function VersionViewer({
  journeyId,
  version,
  canRestore,
}: {
  journeyId: string;
  version: number;
  canRestore: boolean;
}) {
  const draft = useJourneyEditor();
  const { data: definition } = useQuery({
    ...journeyQueries.versions(journeyId),
    select: (versions) => versions.find((v) => v.version === version)?.definition,
  });
  const close = () => draft.view.getState().viewVersion(null);
  return (
    <div className="viewer">
      <div className="viewer__banner" role="status">
        <strong>Version {version}</strong> · read-only
        <span className="viewer__actions">
          {canRestore && definition && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                draft.replaceDefinition(definition);
                draft.view.getState().announce(`Version ${version} copied into the draft.`);
                close();
              }}
            >
              Copy into the draft
            </button>
          )}
          <button type="button" className="button button--small button--primary" onClick={close}>
            Back to the draft
          </button>
        </span>
      </div>
      {definition && <VersionCanvas definition={definition} />}
    </div>
  );
}

function VersionCanvas({ definition }: { definition: JourneyDefinitionInput }) {
  const [viewer] = useState(() => createJourneyEditor({ definition, readOnly: true }));
  return (
    <JourneyEditorProvider editor={viewer}>
      <ReactFlowProvider>
        <div className="editor__body editor__body--viewer">
          <JourneyCanvas />
          <Inspector />
        </div>
      </ReactFlowProvider>
    </JourneyEditorProvider>
  );
}
