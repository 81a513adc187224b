// The canvas page `#/journeys/<id>`: loads the journey, makes its editor (document and view
// stores) and puts the parts together (toolbar, live figures, problems, palette, canvas, inspector
// or version history). Owns what involves the API: autosave of the draft, publish (changes to a
// live journey after the impact dialog), lifecycle actions; the journey's server state (status,
// versions, figures) is read from the query cache.
import { useQuery } from '@tanstack/react-query';
import type { JourneyNodeType } from '@waypoint/journey';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ApiError } from '../api-error';
import {
  API_ERROR_CODES,
  type JourneyDetail,
  type LifecycleAction,
  type PublishProblems,
} from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { journeyQueries, useJourneyLifecycle, usePublishJourney } from '../journey-queries';
import { EditorToolbar } from './EditorToolbar';
import { Inspector } from './Inspector';
import { JourneyCanvas } from './JourneyCanvas';
import { createJourneyEditor, type JourneyEditor } from './journey-editor';
import { JourneyEditorProvider, useJourneyEditor, useJourneyView } from './JourneyEditorContext';
import { ExperimentsPanel } from './ExperimentsPanel';
import { JourneyStatsBar } from './JourneyStatsBar';
import { CanvasFiguresControls } from './CanvasFigures';
import { NODE_HEIGHT, NODE_WIDTH } from './graph-edits';
import { Palette } from './Palette';
import { PreviewPanel } from './PreviewPanel';
import { usePreview } from './usePreview';
import { ProblemsPanel } from './ProblemsPanel';
import { PublishImpactDialog } from './PublishImpactDialog';
import { useDraftAutosave } from './useDraftAutosave';
import { VersionHistory, VersionViewer } from './VersionHistory';
import { useTestRunControl } from '../test-runs/useTestRunControl';
import './journey-editor.css';

const RECHECK_DELAY_MS = 250;

export function JourneyEditorPage({ id }: { id: string }) {
  const { data: journey, error, isFetching, refetch } = useQuery(journeyQueries.detail(id));
  if (error && !journey)
    return (
      <ErrorNotice what="the journey" error={error} onRetry={() => void refetch()} retrying={isFetching} />
    );
  if (!journey) {
    return (
      <p className="placeholder" role="status">
        Loading the journey…
      </p>
    );
  }
  return <JourneyEditorView key={journey.id} journey={journey} />;
}

function JourneyEditorView({ journey }: { journey: JourneyDetail }) {
  // Made once from the draft as opened; the query's later answers change the status, not the draft.
  const [editor] = useState(() =>
    createJourneyEditor({
      name: journey.name,
      definition: journey.draft,
      readOnly: journey.status === 'archived',
    }),
  );
  const archived = journey.status === 'archived';
  const { flush, saveState } = useDraftAutosave(editor.document, journey.id, !archived);
  const publish = usePublishJourney(journey.id, flush);
  const lifecycle = useJourneyLifecycle(journey.id);
  const viewing = useStore(editor.view, (s) => s.viewingVersion);
  // Publishing changes to a live journey first shows what they change (and the runs in progress);
  // the dialog's Publish publishes. A first publish has nothing live to compare with: it publishes.
  const [impactOpen, setImpactOpen] = useState(false);
  const testRun = useTestRunControl(journey.id, flush);

  useProblemRecheck(editor);

  useEffect(() => {
    editor.document.getState().setReadOnly(archived);
  }, [editor, archived]);

  function onPublish() {
    const { announce, published } = editor.view.getState();
    publish.mutate(undefined, {
      onSuccess: (result) => {
        setImpactOpen(false);
        published();
        announce(`Published version ${result.version}.`);
      },
      onError: (cause) => {
        setImpactOpen(false);
        if (cause instanceof ApiError && cause.code === API_ERROR_CODES.journeyInvalid) {
          const problems = (cause.details as PublishProblems | undefined)?.problems ?? [];
          editor.publishRefused(problems);
          announce(
            `Not published: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix.`,
          );
        } else {
          announce(`Could not publish: ${cause.message}`);
        }
      },
    });
  }

  async function onLifecycle(action: LifecycleAction): Promise<boolean> {
    const { announce } = editor.view.getState();
    try {
      const result = await lifecycle.mutateAsync(action);
      const done = { pause: 'Paused', resume: 'Resumed', archive: 'Archived' }[action];
      announce(`${done}: ${result.runsNotified} active ${result.runsNotified === 1 ? 'run' : 'runs'} told.`);
      return true;
    } catch (cause) {
      announce(`Could not ${action}: ${cause instanceof Error ? cause.message : String(cause)}`);
      return false;
    }
  }

  return (
    <JourneyEditorProvider
      editor={editor}
      liveStatsOf={journey.publishedVersion === null ? null : journey.id}
    >
      <div className="editor">
        <EditorToolbar
          summary={journey}
          saveState={saveState}
          publishing={publish.isPending}
          onPublish={journey.publishedVersion === null ? onPublish : () => setImpactOpen(true)}
          onLifecycle={onLifecycle}
          testRun={archived ? null : testRun.button}
        />
        {impactOpen && (
          <PublishImpactDialog
            journeyId={journey.id}
            beforeLoad={flush}
            publishing={publish.isPending}
            onPublish={onPublish}
            onCancel={() => setImpactOpen(false)}
          />
        )}
        {!archived && testRun.panel}
        {journey.publishedVersion !== null && <JourneyStatsBar journeyId={journey.id} />}
        {journey.publishedVersion !== null && <CanvasFiguresControls journeyId={journey.id} />}
        {journey.publishedVersion !== null && <ExperimentsPanel journeyId={journey.id} />}
        <ProblemsPanel />
        {viewing !== null ? (
          <VersionViewer key={viewing} journeyId={journey.id} version={viewing} canRestore={!archived} />
        ) : (
          <ReactFlowProvider>
            <EditorBody journeyId={journey.id} publishedVersion={journey.publishedVersion} flush={flush} />
          </ReactFlowProvider>
        )}
        <Announcer />
      </div>
    </JourneyEditorProvider>
  );
}

/** Palette, canvas and side panel, with the editor's keyboard shortcuts. Inside ReactFlowProvider. */
function EditorBody({
  journeyId,
  publishedVersion,
  flush,
}: {
  journeyId: string;
  publishedVersion: number | null;
  flush: () => Promise<unknown>;
}) {
  const editor = useJourneyEditor();
  const versionsOpen = useJourneyView((s) => s.versionsOpen);
  const previewOpen = usePreview((s) => s.open);
  const flow = useReactFlow();
  const canvasArea = useRef<HTMLDivElement>(null);

  const addFromPalette = useCallback(
    (type: JourneyNodeType) => {
      const rect = canvasArea.current?.getBoundingClientRect();
      const centre = rect
        ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
        : { x: 0, y: 0 };
      const id = editor.addNode(type, {
        fallback: { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 },
      });
      const kind = type.split('.').pop();
      const view = editor.view.getState();
      view.revealNode(id, { focus: false });
      view.announce(`Added ${kind} step “${id}”.`);
    },
    [flow, editor],
  );

  // On the document, not the body element: after a delete, focus falls back to <body>, and
  // Ctrl+Z must still undo it. Typing in a field keeps the field's own undo and clipboard.
  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (
        event.defaultPrevented ||
        target?.closest('input, textarea, select, [contenteditable="true"], dialog')
      ) {
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const document = editor.document.getState();
      const { announce } = editor.view.getState();
      if (key === 'z' && !event.shiftKey) document.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') document.redo();
      else if (key === 'c' && !window.getSelection()?.toString()) {
        const copied = editor.copySelection();
        if (copied === 0) return;
        announce(`Copied ${copied} ${copied === 1 ? 'step' : 'steps'}.`);
      } else if (key === 'v') {
        const pasted = editor.paste();
        if (pasted === 0) return;
        announce(`Pasted ${pasted} ${pasted === 1 ? 'step' : 'steps'}.`);
      } else return;
      event.preventDefault();
    }
    window.document.addEventListener('keydown', onKeyDown);
    return () => window.document.removeEventListener('keydown', onKeyDown);
  }, [editor]);

  return (
    <div className="editor__body">
      <Palette onAdd={addFromPalette} />
      <div className="editor__canvas" ref={canvasArea}>
        <JourneyCanvas />
      </div>
      {versionsOpen ? (
        <VersionHistory journeyId={journeyId} />
      ) : previewOpen ? (
        <PreviewPanel journeyId={journeyId} publishedVersion={publishedVersion} beforePreview={flush} />
      ) : (
        <Inspector />
      )}
    </div>
  );
}

/** After a refused publish, re-checks the problems shortly after each edit. */
function useProblemRecheck(editor: JourneyEditor) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = editor.document.subscribe((state, previous) => {
      if (state.revision === previous.revision || !editor.view.getState().verdict) return;
      clearTimeout(timer);
      timer = setTimeout(() => editor.recheckProblems(), RECHECK_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [editor]);
}

/** Says what just happened: politely to screen readers, and briefly on screen. */
function Announcer() {
  const announcement = useJourneyView((s) => s.announcement);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!announcement) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), 5_000);
    return () => clearTimeout(timer);
  }, [announcement]);
  return (
    <div className={visible ? 'toast toast--visible' : 'toast'} role="status" aria-live="polite">
      {announcement?.text}
    </div>
  );
}
