// A test run followed live: its graph (the draft snapshot or version it pinned) with the path taken
// and the node it is at, redrawn as its timeline is polled every second until it finishes, and
// each step's outcome and reason beside it.
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '../ErrorNotice';
import { StatusPill } from '../StatusPill';
import { RunPathCanvas } from '../support/RunPathCanvas';
import { runStatusTone, stepOutcomeTone } from '../support/run-display';
import { FOLLOW_REFRESH_MS, followSummary, stillMoving } from './test-run-display';
import { testRunQueries } from './test-run-queries';
import { TestMark } from './TestMark';

export function TestRunFollower({ runId, onClose }: { runId: string; onClose: () => void }) {
  const detail = useQuery({
    ...testRunQueries.detail(runId),
    refetchInterval: (query) => (stillMoving(query.state.data?.run) ? FOLLOW_REFRESH_MS : false),
  });
  const data = detail.data?.run;
  return (
    <section className="test-run-follow" aria-labelledby="test-run-heading" data-run-id={runId}>
      <header className="test-run-follow__header">
        <h2 id="test-run-heading">
          Test run <TestMark />
        </h2>
        {data && <StatusPill tone={runStatusTone(data.status)}>{data.status}</StatusPill>}
        <p className="test-run-follow__where" role="status">
          {data ? followSummary(data) : 'Starting…'}
        </p>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </header>
      {detail.error && (
        <ErrorNotice what="the test run" error={detail.error} onRetry={() => void detail.refetch()} />
      )}
      <div className="test-run-follow__body">
        {detail.data && (
          <RunPathCanvas
            definition={detail.data.definition}
            steps={data?.steps ?? []}
            currentNodeId={
              data?.status === 'running' ? (data.waitingFor?.nodeId ?? data.currentNodeId) : null
            }
            waitingUntil={data?.waitingFor?.until ?? null}
          />
        )}
        <ol className="test-run-steps" aria-label="Steps so far">
          {(data?.steps ?? []).map((step) => (
            <li key={`${step.nodeId}:${step.visit}`} data-node-id={step.nodeId}>
              <StatusPill tone={stepOutcomeTone(step.outcome)}>{step.outcome}</StatusPill>{' '}
              <strong>{step.nodeId}</strong> <span className="muted">{step.reason}</span>
              {step.message && <span className="test-run-steps__to"> → {step.message.to}</span>}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
