// The bar above the canvas: back to the list, the journey's name, status and published version,
// whether the draft is saved, canvas commands (undo, redo, tidy up) and the journey's actions
// (preview for a customer, test run, version history, pause / resume / archive with confirmation, publish).
import { useState, type ReactNode } from 'react';
import type { JourneyStatus, JourneySummary, LifecycleAction } from '../api-types';
import { hrefFor } from '../hash-route';
import type { StatusTone } from '../status-tone';
import { StatusPill } from '../StatusPill';
import { ConfirmDialog } from '../ConfirmDialog';
import { useJourneyDocument, useJourneyEditor, useJourneyView } from './JourneyEditorContext';
import { usePreview } from './usePreview';
import { useSaveState, type SaveStateSource } from './useDraftAutosave';

const STATUS: Record<JourneyStatus, { label: string; tone: StatusTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  live: { label: 'Live', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  archived: { label: 'Archived', tone: 'muted' },
};

const LIFECYCLE: Record<
  LifecycleAction,
  { label: string; title: string; explain: string; confirm: string; tone: 'default' | 'danger' }
> = {
  pause: {
    label: 'Pause',
    title: 'Pause this journey?',
    explain:
      'Every customer’s run stays where it is and nothing is sent while paused. New customers do not enter. Resume continues them.',
    confirm: 'Pause journey',
    tone: 'default',
  },
  resume: {
    label: 'Resume',
    title: 'Resume this journey?',
    explain: 'Runs continue from where they were held, and new customers enter again.',
    confirm: 'Resume journey',
    tone: 'default',
  },
  archive: {
    label: 'Archive',
    title: 'Archive this journey?',
    explain:
      'Every active run ends now and the journey can no longer be edited or published. This cannot be undone.',
    confirm: 'Archive journey',
    tone: 'danger',
  },
};

export function EditorToolbar({
  summary,
  saveState,
  publishing,
  onPublish,
  onLifecycle,
  testRun,
}: {
  summary: JourneySummary;
  saveState: SaveStateSource;
  publishing: boolean;
  onPublish: () => void;
  onLifecycle: (action: LifecycleAction) => Promise<boolean>;
  /** The "Test run…" button (test-runs/useTestRunControl.tsx). */
  testRun?: ReactNode;
}) {
  const editor = useJourneyEditor();
  const name = useJourneyDocument((s) => s.name);
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const rename = useJourneyDocument((s) => s.rename);
  const canUndo = useJourneyDocument((s) => s.past.length > 0);
  const canRedo = useJourneyDocument((s) => s.future.length > 0);
  const undo = useJourneyDocument((s) => s.undo);
  const redo = useJourneyDocument((s) => s.redo);
  const versionsOpen = useJourneyView((s) => s.versionsOpen);
  const toggleVersions = useJourneyView((s) => s.toggleVersions);
  const previewOpen = usePreview((s) => s.open);
  const togglePreview = usePreview((s) => s.toggle);
  const [confirming, setConfirming] = useState<LifecycleAction | null>(null);
  const [busy, setBusy] = useState(false);
  const status = STATUS[summary.status] ?? { label: summary.status, tone: 'neutral' };
  const actions: LifecycleAction[] =
    summary.status === 'live'
      ? ['pause', 'archive']
      : summary.status === 'paused'
        ? ['resume', 'archive']
        : [];

  return (
    <header className="editor__toolbar">
      <a className="editor__back" href={hrefFor({ page: 'journeys' })}>
        ← Journeys
      </a>
      <div className="editor__title">
        <label className="visually-hidden" htmlFor="journey-name">
          Journey name
        </label>
        <input
          id="journey-name"
          className="editor__name"
          value={name}
          readOnly={readOnly}
          onChange={(event) => rename(event.target.value)}
        />
        <StatusPill tone={status.tone}>{status.label}</StatusPill>
        <span className="editor__version">
          {summary.publishedVersion === null
            ? 'Never published'
            : `Version ${summary.publishedVersion} published`}
        </span>
        <SaveIndicator source={saveState} />
      </div>
      <div className="editor__commands" role="toolbar" aria-label="Canvas">
        <button
          type="button"
          className="button button--small"
          onClick={undo}
          disabled={!canUndo || readOnly}
          title="Ctrl+Z"
        >
          Undo
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={redo}
          disabled={!canRedo || readOnly}
          title="Ctrl+Shift+Z"
        >
          Redo
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={editor.autoLayout}
          disabled={readOnly}
        >
          Tidy up
        </button>
      </div>
      <div className="editor__actions">
        {summary.publishedVersion !== null && (
          <a className="button button--small" href={hrefFor({ page: 'journey-results', id: summary.id })}>
            Results
          </a>
        )}
        {testRun}
        <button
          type="button"
          className="button button--small"
          aria-pressed={previewOpen}
          onClick={togglePreview}
        >
          Preview
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={versionsOpen}
          onClick={toggleVersions}
        >
          Versions
        </button>
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className="button button--small"
            onClick={() => setConfirming(action)}
          >
            {LIFECYCLE[action].label}
          </button>
        ))}
        {summary.status !== 'archived' && (
          <button type="button" className="button button--primary" onClick={onPublish} disabled={publishing}>
            {publishing ? 'Publishing…' : summary.publishedVersion === null ? 'Publish' : 'Publish changes'}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={LIFECYCLE[confirming].title}
          confirmLabel={LIFECYCLE[confirming].confirm}
          tone={LIFECYCLE[confirming].tone}
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setBusy(true);
            void onLifecycle(confirming).then((done) => {
              setBusy(false);
              if (done) setConfirming(null);
            });
          }}
        >
          <p>{LIFECYCLE[confirming].explain}</p>
        </ConfirmDialog>
      )}
    </header>
  );
}

function SaveIndicator({ source }: { source: SaveStateSource }) {
  const saveState = useSaveState(source);
  const readOnly = useJourneyDocument((s) => s.readOnly);
  if (readOnly) return <span className="save-state">Read-only</span>;
  const text = {
    saved: 'All changes saved',
    pending: 'Unsaved changes…',
    saving: 'Saving…',
    error: 'Could not save',
  }[saveState.status];
  return (
    <span
      className={`save-state save-state--${saveState.status}`}
      role="status"
      title={saveState.status === 'error' ? saveState.message : undefined}
    >
      {text}
      {saveState.status === 'error' && <span className="visually-hidden">: {saveState.message}</span>}
    </span>
  );
}
