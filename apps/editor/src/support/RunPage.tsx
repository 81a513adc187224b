// One run, for support (`#/runs/<id>`): its journey version drawn with the path taken and the
// current step marked, what it waits for until when, the timeline of steps with the reason for
// each (branch taken, skipped sends) and every message with its delivery events, staff actions
// from the audit log, a link to the workflow in the Temporal UI, and the actions cancel and
// continue now (each asks for a reason).
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import type { AuditEntry, RunDetail } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { journeyQueries } from '../journey-queries';
import { StatusPill } from '../StatusPill';
import { testRunQueries } from '../test-runs/test-run-queries';
import { TestMark } from '../test-runs/TestMark';
import { ReasonDialog } from './ReasonDialog';
import { auditActionLabel, deliveryTrail, runStatusTone, stepOutcomeTone } from './run-display';
import { RUN_REFRESH_MS, supportQueries, useRunAction, type RunAction } from './support-queries';

const RunPathCanvas = lazy(() => import('./RunPathCanvas').then((m) => ({ default: m.RunPathCanvas })));

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const when = (iso: string) => timeFormat.format(new Date(iso));

export function RunPage({ id }: { id: string }) {
  const run = useQuery({ ...supportQueries.run(id), refetchInterval: RUN_REFRESH_MS });
  const audit = useQuery({ ...supportQueries.runAudit(id), refetchInterval: RUN_REFRESH_MS });
  const retryRun = () => void run.refetch();

  if (run.error && !run.data) return <ErrorNotice what="the run" error={run.error} onRetry={retryRun} />;
  if (!run.data)
    return (
      <p className="placeholder" role="status">
        Loading the run…
      </p>
    );
  return <RunView run={run.data} refreshError={run.error} onRetry={retryRun} audit={audit.data} />;
}

function RunView({
  run: data,
  refreshError,
  onRetry,
  audit,
}: {
  run: RunDetail;
  refreshError: Error | null;
  onRetry: () => void;
  audit: AuditEntry[] | undefined;
}) {
  const act = useRunAction(data);
  const [action, setAction] = useState<RunAction | null>(null);
  // After a request the run still shows "running" until the workflow acts; no second click meanwhile.
  const [requested, setRequested] = useState<{ action: RunAction; wait: string } | null>(null);
  const waitKey = data.waitingFor ? `${data.waitingFor.nodeId}@${data.waitingFor.until}` : '';
  const perform = (done: RunAction) => async (reason: string) => {
    await act.mutateAsync({ action: done, reason });
    setRequested({ action: done, wait: waitKey });
  };

  return (
    <>
      <p className="back">
        <a href={hrefFor({ page: 'customer', id: data.customerId })}>← Customer</a>
      </p>
      <header className="page-header">
        <div>
          <h1>
            {data.journey.name} <span className="muted">{versionLabel(data.version)}</span>
            {data.test && <TestMark />}
          </h1>
          <p className="page-header__lead">
            <StatusPill tone={runStatusTone(data.status)}>{data.status}</StatusPill>{' '}
            {data.statusReason && <span data-testid="status-reason">{data.statusReason}</span>} · started{' '}
            {when(data.startedAt)}
            {data.finishedAt && <> · ended {when(data.finishedAt)}</>} ·{' '}
            <a href={data.temporalUrl} target="_blank" rel="noreferrer">
              Workflow in Temporal UI
            </a>
          </p>
        </div>
        {data.status === 'running' && requested?.action === 'cancel' && (
          <p className="page-header__actions" role="status">
            Cancelling…
          </p>
        )}
        {data.status === 'running' && requested?.action !== 'cancel' && (
          <div className="page-header__actions">
            {data.waitingFor?.canContinueNow &&
              !(requested?.action === 'continue' && requested.wait === waitKey) && (
                <button type="button" className="button" onClick={() => setAction('continue')}>
                  Continue now
                </button>
              )}
            <button type="button" className="button button--danger" onClick={() => setAction('cancel')}>
              Cancel run
            </button>
          </div>
        )}
      </header>

      {refreshError && (
        <ErrorNotice what="the latest state of the run" error={refreshError} onRetry={onRetry} />
      )}
      <WaitingFor run={data} />
      <RunCanvasSection run={data} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline">
          {data.steps.map((step) => (
            <li
              key={`${step.nodeId}:${step.visit}`}
              className={`timeline__step timeline__step--${step.outcome}`}
            >
              <p className="timeline__head">
                <time dateTime={step.enteredAt}>{when(step.enteredAt)}</time> <strong>{step.nodeId}</strong>{' '}
                <span className="muted">{step.nodeType}</span>
                {step.visit > 1 && <span className="muted"> (visit {step.visit})</span>}{' '}
                <StatusPill tone={stepOutcomeTone(step.outcome)}>{step.outcome}</StatusPill>
              </p>
              {step.reason && <p className="timeline__reason">{step.reason}</p>}
              {step.message && (
                <p className="timeline__message">
                  {step.message.channel}
                  {step.message.locale && <> ({step.message.locale})</>} to{' '}
                  <span className="mono">{step.message.to}</span>
                  {step.message.subject && <> · “{step.message.subject}”</>} · {step.message.status}
                  {step.message.deliveryStatus && <> · {step.message.deliveryStatus}</>}
                  {deliveryTrail(step.message, when) && <> ({deliveryTrail(step.message, when)})</>}
                  {step.message.deliveryError && <> · {step.message.deliveryError}</>}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Staff actions</h2>
        {audit && audit.length === 0 && <p className="muted">Nobody has acted on this run.</p>}
        {audit && audit.length > 0 && (
          <ul className="audit-list">
            {audit.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at}>{when(entry.at)}</time> {entry.actor.label}{' '}
                {auditActionLabel(entry.action)}
                {entry.reason && <>: “{entry.reason}”</>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {action === 'cancel' && (
        <ReasonDialog
          title="Cancel this run?"
          explanation={`The run of “${data.journey.name}” ends now; nothing more is sent by it.`}
          confirmLabel="Cancel run"
          tone="danger"
          busy={act.isPending}
          onSubmit={perform('cancel')}
          onClose={() => setAction(null)}
        />
      )}
      {action === 'continue' && (
        <ReasonDialog
          title="Continue now?"
          explanation={`The wait at “${data.waitingFor?.nodeId}” ends now and the run goes on to its next step.`}
          confirmLabel="Continue now"
          busy={act.isPending}
          onSubmit={perform('continue')}
          onClose={() => setAction(null)}
        />
      )}
    </>
  );
}

function WaitingFor({ run }: { run: RunDetail }) {
  if (run.status !== 'running') return null;
  const waiting = run.waitingFor;
  return (
    <p className="notice" role="status" data-testid="waiting-for">
      {waiting ? (
        <>
          Waiting at <strong>{waiting.nodeId}</strong> ({waiting.nodeType})
          {waiting.until ? <> until {when(waiting.until)}</> : null}.
        </>
      ) : (
        <>At {run.currentNodeId ?? 'its first step'} now.</>
      )}
    </p>
  );
}

/** A test run of a draft pins a snapshot numbered below zero (docs/product.md, "Test runs"). */
function versionLabel(version: number): string {
  return version < 0 ? 'draft snapshot' : `v${version}`;
}

function RunCanvasSection({ run }: { run: RunDetail }) {
  // The journey's versions are cached once for every run of it (and for its canvas). A test run's
  // graph may be a draft snapshot, which no version list holds: it comes with the test run.
  const version = useQuery({
    ...journeyQueries.versions(run.journey.id),
    select: (versions) => versions.find((v) => v.version === run.version)?.definition,
    enabled: !run.test,
  });
  const testRun = useQuery({
    ...testRunQueries.detail(run.id),
    select: (detail) => detail.definition,
    enabled: run.test,
  });
  const definition = run.test ? testRun : version;
  return (
    <section aria-labelledby="path-heading">
      <h2 id="path-heading">
        Path through {run.version < 0 ? 'the draft snapshot' : `version ${run.version}`}
      </h2>
      {definition.error && (
        <ErrorNotice
          what="the journey version"
          error={definition.error}
          onRetry={() => void definition.refetch()}
        />
      )}
      {definition.data && (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Drawing the journey…
            </p>
          }
        >
          <RunPathCanvas
            definition={definition.data}
            steps={run.steps}
            currentNodeId={run.status === 'running' ? (run.waitingFor?.nodeId ?? run.currentNodeId) : null}
            waitingUntil={run.waitingFor?.until ?? null}
          />
        </Suspense>
      )}
    </section>
  );
}
