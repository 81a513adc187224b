// Provides one canvas's editor (its document and view stores) to the canvas, palette and
// inspector below it, and which journey's live figures its steps show. Components read narrow
// slices (`useJourneyDocument(s => s.readOnly)`, `useJourneyView(s => s.problemsByNode.get(id))`),
// so a drag re-renders the dragged node, not the inspector; actions are stable functions on the
// stores and never cause re-renders.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { JourneyDocumentState } from './journey-document';
import type { JourneyEditor } from './journey-editor';
import type { JourneyViewState } from './journey-view';

const JourneyEditorContext = createContext<JourneyEditor | null>(null);
const LiveStatsContext = createContext<string | null>(null);

export function JourneyEditorProvider({
  editor,
  liveStatsOf = null,
  children,
}: {
  editor: JourneyEditor;
  /** The journey whose live counts the steps show (a published draft); null for none. */
  liveStatsOf?: string | null;
  children: ReactNode;
}) {
  return (
    <JourneyEditorContext.Provider value={editor}>
      <LiveStatsContext.Provider value={liveStatsOf}>{children}</LiveStatsContext.Provider>
    </JourneyEditorContext.Provider>
  );
}

export function useJourneyEditor(): JourneyEditor {
  const editor = useContext(JourneyEditorContext);
  if (!editor) throw new Error('The journey editor is used outside <JourneyEditorProvider>.');
  return editor;
}

export function useJourneyDocument<T>(selector: (state: JourneyDocumentState) => T): T {
  return useStore(useJourneyEditor().document, selector);
}

export function useJourneyView<T>(selector: (state: JourneyViewState) => T): T {
  return useStore(useJourneyEditor().view, selector);
}

/** The journey whose live counts the canvas's steps show, or null. */
export function useLiveStatsJourney(): string | null {
  return useContext(LiveStatsContext);
}
