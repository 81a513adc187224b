// Before publishing: what the draft changes against the live version (steps added, removed and
// changed, connections, settings), the runs in progress that stay on their versions, and the
// problems that would refuse it (Publish is disabled while there are any). docs/product.md, "Publishing".
import { useQuery } from '@tanstack/react-query';
import { getPublishImpact } from '../api-client';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { queryKeys } from '../server-state/query-keys';
import { changesNothing, runsSentence, stepLabel } from './publish-impact-display';

export function PublishImpactDialog({
  journeyId,
  beforeLoad,
  publishing,
  onPublish,
  onCancel,
}: {
  journeyId: string;
  /** The autosave's flush: the impact of what is on screen. */
  beforeLoad: () => Promise<void>;
  publishing: boolean;
  onPublish: () => void;
  onCancel: () => void;
}) {
  const {
    data: impact,
    error,
    isFetching,
    refetch,
  } = useQuery({
    queryKey: queryKeys.publishImpact(journeyId),
    queryFn: async ({ signal }) => {
      await beforeLoad();
      return getPublishImpact(journeyId, signal);
    },
    staleTime: 0,
    gcTime: 0,
  });
  const runs = impact ? runsSentence(impact.runsInProgress) : null;

  return (
    <Dialog title="Publish changes" wide busy={publishing} onCancel={onCancel}>
      <div className="dialog__body publish-impact" aria-busy={isFetching}>
        {error && !impact ? (
          <ErrorNotice
            what="what publishing would change"
            error={error}
            onRetry={() => void refetch()}
            retrying={isFetching}
          />
        ) : !impact ? (
          <p role="status">Comparing the draft with the live version…</p>
        ) : (
          <>
            <p>
              {impact.liveVersion === null
                ? 'Never published: every step is new.'
                : `Against the live version ${impact.liveVersion}:`}
            </p>
            {changesNothing(impact) && <p>No change against the live version.</p>}
            <StepList title="Added" nodes={impact.nodes.added} />
            <StepList title="Removed" nodes={impact.nodes.removed} />
            {impact.nodes.changed.length > 0 && (
              <section aria-label="Changed">
                <h3>Changed</h3>
                <ul>
                  {impact.nodes.changed.map((node) => (
                    <li key={node.id}>
                      {stepLabel(node)}: {node.fields.join(', ')}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {impact.liveVersion !== null && impact.edges.added + impact.edges.removed > 0 && (
              <p>
                Connections: {impact.edges.added} added, {impact.edges.removed} removed.
              </p>
            )}
            {impact.settingsChanged.length > 0 && (
              <p>Settings changed: {impact.settingsChanged.join(', ')}.</p>
            )}
            {runs && <p className="publish-impact__runs">{runs}</p>}
            {impact.problems.length > 0 && (
              <section aria-label="Problems" role="alert">
                <h3>
                  {impact.problems.length} {impact.problems.length === 1 ? 'problem' : 'problems'} to fix
                  before publishing
                </h3>
                <ul>
                  {impact.problems.map((problem, index) => (
                    <li key={`${problem.nodeId ?? ''}-${index}`}>
                      {problem.nodeId ? `“${problem.nodeId}”: ` : ''}
                      {problem.message}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel} disabled={publishing}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={onPublish}
          disabled={publishing || !impact?.canPublish}
        >
          {publishing ? 'Publishing…' : 'Publish'}
        </button>
      </div>
    </Dialog>
  );
}

function StepList({ title, nodes }: { title: string; nodes: Array<{ id: string; type: string }> }) {
  if (nodes.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {nodes.map((node) => (
          <li key={node.id}>{stepLabel(node)}</li>
        ))}
      </ul>
    </section>
  );
}
