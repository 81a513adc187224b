// Provides one canvas's preview store (preview-store.ts) to the toolbar, the preview panel and the
// node cards. A canvas without a provider (a past version's viewer) reads an empty, closed preview.
import { createContext, useContext, type ReactNode } from 'react';
import type { PreviewStep } from '@waypoint/contract';
import { useStore } from 'zustand';
import { pathMark } from './preview-display';
import { createPreviewStore, type PreviewState, type PreviewStore } from './preview-store';

const PreviewContext = createContext<PreviewStore | null>(null);
const CLOSED = createPreviewStore();

export function PreviewProvider({ store, children }: { store: PreviewStore; children: ReactNode }) {
  return <PreviewContext.Provider value={store}>{children}</PreviewContext.Provider>;
}

export function usePreview<T>(selector: (state: PreviewState) => T): T {
  return useStore(useContext(PreviewContext) ?? CLOSED, selector);
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
