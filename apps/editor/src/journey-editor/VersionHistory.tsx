// Published versions, newest first. Each can be opened read-only on its own canvas (a separate
// store, so nothing in it can touch the draft) and, from there, copied back into the draft.
import { ReactFlowProvider } from '@xyflow/react';
import { useId, useState } from 'react';
import type { JourneyVersion } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { RelativeTime } from '../RelativeTime';
import { useNow } from '../useNow';
import { Inspector } from './Inspector';
import { JourneyCanvas } from './JourneyCanvas';
import { createJourneyStore } from './journey-store';
import { JourneyStoreProvider } from './JourneyStoreContext';
import { needsLayout, toFlow } from './journey-flow';

export function VersionHistory({
  versions,
  error,
  onRetry,
  onView,
}: {
  versions: JourneyVersion[] | undefined;
  error: Error | undefined;
  onRetry: () => void;
  onView: (version: JourneyVersion) => void;
}) {
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
        {error && <ErrorNotice what="the versions" error={error} onRetry={onRetry} />}
        {versions && versions.length === 0 && <p className="muted">Not published yet.</p>}
        {versions && versions.length > 0 && (
          <ol className="versions">
            {versions.map((version) => (
              <li key={version.version} className="versions__item">
                <span className="versions__name">Version {version.version}</span>
                <span className="muted small">
                  published <RelativeTime time={version.publishedAt} now={now} />
                </span>
                <button type="button" className="button button--small" onClick={() => onView(version)}>
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

/** One past version on a read-only canvas. */
export function VersionViewer({
  version,
  canRestore,
  onClose,
  onRestore,
}: {
  version: JourneyVersion;
  canRestore: boolean;
  onClose: () => void;
  onRestore: () => void;
}) {
  const [store] = useState(() => {
    const viewer = createJourneyStore({ definition: version.definition, readOnly: true });
    if (needsLayout(toFlow(version.definition).nodes)) viewer.getState().autoLayout();
    return viewer;
  });
  return (
    <div className="viewer">
      <div className="viewer__banner" role="status">
        <strong>Version {version.version}</strong> · read-only
        <span className="viewer__actions">
          {canRestore && (
            <button type="button" className="button button--small" onClick={onRestore}>
              Copy into the draft
            </button>
          )}
          <button type="button" className="button button--small button--primary" onClick={onClose}>
            Back to the draft
          </button>
        </span>
      </div>
      <JourneyStoreProvider store={store}>
        <ReactFlowProvider>
          <div className="editor__body editor__body--viewer">
            <JourneyCanvas />
            <Inspector />
          </div>
        </ReactFlowProvider>
      </JourneyStoreProvider>
    </div>
  );
}
