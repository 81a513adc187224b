// Provides one journey's store to the canvas, palette and inspector below it. Components read
// narrow slices (`useJourneyStore(s => s.readOnly)`), so a drag re-renders the dragged node, not
// the inspector; actions are stable functions on the store and never cause re-renders.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { JourneyEditorState, JourneyStoreApi } from './journey-store';

const JourneyStoreContext = createContext<JourneyStoreApi | null>(null);

export function JourneyStoreProvider({ store, children }: { store: JourneyStoreApi; children: ReactNode }) {
  return <JourneyStoreContext.Provider value={store}>{children}</JourneyStoreContext.Provider>;
}

export function useJourneyStoreApi(): JourneyStoreApi {
  const store = useContext(JourneyStoreContext);
  if (!store) throw new Error('useJourneyStore must be used inside <JourneyStoreProvider>.');
  return store;
}

export function useJourneyStore<T>(selector: (state: JourneyEditorState) => T): T {
  return useStore(useJourneyStoreApi(), selector);
}
