// The canvas page `#/journeys/<id>`: loads the journey, makes its store and puts the parts
// together (toolbar, live figures, problems, palette, canvas, inspector or version history).
// Owns what involves the API: autosave of the draft, publish, lifecycle actions, versions.
import type { JourneyNodeType } from '@waypoint/journey';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { changeJourneyLifecycle, getJourney, listJourneyVersions, publishJourney } from '../api-client';
import { ApiError } from '../api-error';
import type {
  JourneyDetail,
  JourneySummary,
  JourneyVersion,
  LifecycleAction,
  PublishProblems,
} from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { useApi } from '../useApi';
import { EditorToolbar } from './EditorToolbar';
import { Inspector } from './Inspector';
import { JourneyCanvas } from './JourneyCanvas';
import { needsLayout } from './journey-flow';
import { createJourneyStore, NODE_HEIGHT, NODE_WIDTH, type JourneyStoreApi } from './journey-store';
import { JourneyStatsBar } from './JourneyStatsBar';
import { JourneyStoreProvider, useJourneyStore, useJourneyStoreApi } from './JourneyStoreContext';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { useDraftAutosave } from './useDraftAutosave';
import { VersionHistory, VersionViewer } from './VersionHistory';
import './journey-editor.css';

const RECHECK_DELAY_MS = 250;

export function JourneyEditorPage({ id }: { id: string }) {
  const {
    data: journey,
    error,
    loading,
    fetching,
    reload,
  } = useApi(`journey:${id}`, (signal) => getJourney(id, signal));
  if (error && !journey)
    return <ErrorNotice what="the journey" error={error} onRetry={reload} retrying={fetching} />;
  if (loading || !journey) {
    return (
      <p className="placeholder" role="status">
        Loading the journey…
      </p>
    );
  }
  return <JourneyEditor key={journey.id} journey={journey} />;
}

function JourneyEditor({ journey }: { journey: JourneyDetail }) {
  const [summary, setSummary] = useState<JourneySummary>(journey);
  const [store] = useState(() => {
    const created = createJourneyStore({
      name: journey.name,
      definition: journey.draft,
      readOnly: journey.status === 'archived',
    });
    // A journey created through the API may carry no layout: lay it out once on opening.
    if (needsLayout(created.getState().nodes)) created.getState().autoLayout();
    return created;
  });
  const [publishing, setPublishing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [viewing, setViewing] = useState<JourneyVersion | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);
  const archived = summary.status === 'archived';
  const flush = useDraftAutosave(store, journey.id, !archived);
  const versions = useApi(`versions:${journey.id}:${versionsKey}`, (signal) =>
    listJourneyVersions(journey.id, signal),
  );

  useProblemRecheck(store);

  useEffect(() => {
    store.setState({ readOnly: archived });
  }, [store, archived]);

  async function publish() {
    const { announce, published, publishRefused } = store.getState();
    setPublishing(true);
    try {
      await flush();
      const result = await publishJourney(journey.id);
      published();
      setSummary(result.journey);
      setVersionsKey((n) => n + 1);
      announce(`Published version ${result.version}.`);
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'journey_invalid') {
        const problems = (cause.details as PublishProblems | undefined)?.problems ?? [];
        publishRefused(problems);
        announce(
          `Not published: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix.`,
        );
      } else {
        announce(`Could not publish: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    } finally {
      setPublishing(false);
    }
  }

  async function lifecycle(action: LifecycleAction): Promise<boolean> {
    try {
      const result = await changeJourneyLifecycle(journey.id, action);
      setSummary((current) => ({ ...current, status: result.status }));
      const done = { pause: 'Paused', resume: 'Resumed', archive: 'Archived' }[action];
      store
        .getState()
        .announce(
          `${done}: ${result.runsNotified} active ${result.runsNotified === 1 ? 'run' : 'runs'} told.`,
        );
      return true;
    } catch (cause) {
      store
        .getState()
        .announce(`Could not ${action}: ${cause instanceof Error ? cause.message : String(cause)}`);
      return false;
    }
  }

  return (
    <JourneyStoreProvider store={store}>
      <div className="editor">
        <EditorToolbar
          summary={summary}
          publishing={publishing}
          versionsOpen={versionsOpen}
          onToggleVersions={() => setVersionsOpen(!versionsOpen)}
          onPublish={() => void publish()}
          onLifecycle={lifecycle}
        />
        {summary.publishedVersion !== null && <JourneyStatsBar journeyId={journey.id} />}
        <ProblemsPanel />
        {viewing ? (
          <VersionViewer
            key={viewing.version}
            version={viewing}
            canRestore={!archived}
            onClose={() => setViewing(null)}
            onRestore={() => {
              store.getState().replaceDefinition(viewing.definition);
              store.getState().announce(`Version ${viewing.version} copied into the draft.`);
              setViewing(null);
            }}
          />
        ) : (
          <ReactFlowProvider>
            <EditorBody
              versionsPanel={
                versionsOpen ? (
                  <VersionHistory
                    versions={versions.data}
                    error={versions.error}
                    onRetry={versions.reload}
                    onView={setViewing}
                  />
                ) : null
              }
            />
          </ReactFlowProvider>
        )}
        <Announcer />
      </div>
    </JourneyStoreProvider>
  );
}

/** Palette, canvas and side panel, with the editor's keyboard shortcuts. Inside ReactFlowProvider. */
function EditorBody({ versionsPanel }: { versionsPanel: ReactNode }) {
  const store = useJourneyStoreApi();
  const flow = useReactFlow();
  const canvasArea = useRef<HTMLDivElement>(null);

  const addFromPalette = useCallback(
    (type: JourneyNodeType) => {
      const rect = canvasArea.current?.getBoundingClientRect();
      const centre = rect
        ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
        : { x: 0, y: 0 };
      const state = store.getState();
      const id = state.addNode(type, {
        fallback: { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 },
      });
      const kind = type.split('.').pop();
      state.revealNode(id, { focus: false });
      state.announce(`Added ${kind} step “${id}”.`);
    },
    [flow, store],
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
      const state = store.getState();
      if (key === 'z' && !event.shiftKey) state.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') state.redo();
      else if (key === 'c' && !window.getSelection()?.toString()) {
        const copied = state.copySelection();
        if (copied === 0) return;
        state.announce(`Copied ${copied} ${copied === 1 ? 'step' : 'steps'}.`);
      } else if (key === 'v') {
        const pasted = state.paste();
        if (pasted === 0) return;
        state.announce(`Pasted ${pasted} ${pasted === 1 ? 'step' : 'steps'}.`);
      } else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <div className="editor__body">
      <Palette onAdd={addFromPalette} />
      <div className="editor__canvas" ref={canvasArea}>
        <JourneyCanvas />
      </div>
      {versionsPanel ?? <Inspector />}
    </div>
  );
}

/** After a refused publish, re-checks the problems shortly after each edit. */
function useProblemRecheck(store: JourneyStoreApi) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision === previous.revision || !state.verdict) return;
      clearTimeout(timer);
      timer = setTimeout(() => store.getState().recheckProblems(), RECHECK_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
}

/** Says what just happened: politely to screen readers, and briefly on screen. */
function Announcer() {
  const announcement = useJourneyStore((s) => s.announcement);
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
