// Wires the draft autosave to a journey document: every edit (a new `revision`) schedules a
// debounced save of the draft; leaving the page saves what is pending and the browser warns
// before a reload would lose it. The save itself is the query cache's draft mutation
// (journey-queries.ts), run through a MutationObserver rather than `useMutation`, so a save never
// re-renders the canvas; only the save indicator follows the autosave's state. Returns `flush`
// for publish, which must publish what is on screen, and that state for the indicator.
import { MutationObserver, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SaveDraftRequest } from '../api-types';
import { saveDraftMutation } from '../journey-queries';
import { createDraftAutosave, type DraftAutosave, type SaveState } from './draft-autosave';
import type { JourneyDocumentApi } from './journey-document';

/** The autosave's state, for whoever shows it. */
export interface SaveStateSource {
  get(): SaveState;
  subscribe(listener: () => void): () => void;
}

function saveStateHolder(): SaveStateSource & { set(state: SaveState): void } {
  let current: SaveState = { status: 'saved' };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(state) {
      current = state;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useSaveState(source: SaveStateSource): SaveState {
  return useSyncExternalStore(source.subscribe, source.get);
}

export function useDraftAutosave(
  document: JourneyDocumentApi,
  journeyId: string,
  enabled: boolean,
): { flush: () => Promise<void>; saveState: SaveStateSource } {
  const client = useQueryClient();
  const [saveState] = useState(saveStateHolder);
  const autosave = useRef<DraftAutosave | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const mutation = new MutationObserver(client, saveDraftMutation(client, journeyId));
    const saver = createDraftAutosave<SaveDraftRequest>({
      read: () => {
        const state = document.getState();
        const name = state.name.trim();
        return { ...(name ? { name } : {}), definition: state.definition() };
      },
      save: async (payload) => {
        await mutation.mutate(payload);
      },
      onState: saveState.set,
    });
    autosave.current = saver;
    const unsubscribe = document.subscribe((state, previous) => {
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
  }, [client, document, journeyId, enabled, saveState]);

  const flush = useCallback(async () => {
    await autosave.current?.flush();
  }, []);
  return { flush, saveState };
}
