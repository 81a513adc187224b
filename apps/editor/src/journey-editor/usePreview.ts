// One canvas's preview store (preview-store.ts), kept beside its editor: the toolbar, the preview
// panel and the node cards of that canvas share it without a provider of their own.
import type { PreviewStep } from '@waypoint/contract';
import { useStore } from 'zustand';
import type { JourneyEditor } from './journey-editor';
import { useJourneyEditor } from './JourneyEditorContext';
import { pathMark } from './preview-display';
import { createPreviewStore, type PreviewState, type PreviewStore } from './preview-store';

const stores = new WeakMap<JourneyEditor, PreviewStore>();

function previewStoreOf(editor: JourneyEditor): PreviewStore {
  let store = stores.get(editor);
  if (!store) {
    store = createPreviewStore();
    stores.set(editor, store);
  }
  return store;
}

export function usePreview<T>(selector: (state: PreviewState) => T): T {
  return useStore(previewStoreOf(useJourneyEditor()), selector);
}

/** Whether a node is on the previewed path ('on'/'off', null with none shown) and its steps on it. */
export function useNodePreview(nodeId: string): {
  mark: 'on' | 'off' | null;
  steps: PreviewStep[] | undefined;
} {
  const result = usePreview((s) => s.result);
  const steps = usePreview((s) => s.byNode.get(nodeId));
  return { mark: pathMark(result, steps), steps };
}
