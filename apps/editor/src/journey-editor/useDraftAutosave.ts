// Wires the draft autosave to a journey store: every edit (a new `revision`) schedules a debounced
// PUT of the draft; leaving the page saves what is pending and the browser warns before a reload
// would lose it. Returns `flush` for publish, which must publish what is on screen.
import { useCallback, useEffect, useRef } from 'react';
import { saveDraft } from '../api-client';
import { createDraftAutosave, type DraftAutosave } from './draft-autosave';
import type { JourneyStoreApi } from './journey-store';

export function useDraftAutosave(
  store: JourneyStoreApi,
  journeyId: string,
  enabled: boolean,
): () => Promise<void> {
  const autosave = useRef<DraftAutosave | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const saver = createDraftAutosave({
      read: () => {
        const state = store.getState();
        const name = state.name.trim();
        return { ...(name ? { name } : {}), definition: state.definition() };
      },
      save: async (payload) => {
        await saveDraft(journeyId, payload);
      },
      onState: (state) => store.getState().setSaveState(state),
    });
    autosave.current = saver;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision !== previous.revision) saver.changed();
    });
    const warn = (event: BeforeUnloadEvent) => {
      if (saver.hasUnsaved()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      unsubscribe();
      window.removeEventListener('beforeunload', warn);
      saver.flush().catch(() => undefined); // leaving the page: save what is pending
      saver.dispose();
      if (autosave.current === saver) autosave.current = null;
    };
  }, [store, journeyId, enabled]);

  return useCallback(async () => {
    await autosave.current?.flush();
  }, []);
}
