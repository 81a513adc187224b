/**
 * One canvas's preview (docs/product.md, "Preview"): whether the preview panel is open and the
 * path last previewed, with each node's steps on it. A vanilla zustand store made per canvas
 * (like the document and view stores), so a node card subscribes to its own steps only; clearing
 * it returns the canvas to editing.
 */
import type { JourneyPreview, PreviewStep } from '@waypoint/contract';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { stepsByNode } from './preview-display';

export interface PreviewState {
  open: boolean;
  /** The path on the canvas, or null while none is shown. */
  result: JourneyPreview | null;
  /** The steps of each node on the path (a loop visits a node more than once). */
  byNode: ReadonlyMap<string, PreviewStep[]>;
  toggle: () => void;
  show: (result: JourneyPreview) => void;
  clear: () => void;
}

export type PreviewStore = StoreApi<PreviewState>;

const NONE: ReadonlyMap<string, PreviewStep[]> = new Map();

export function createPreviewStore(): PreviewStore {
  return createStore<PreviewState>((set) => ({
    open: false,
    result: null,
    byNode: NONE,
    toggle: () => set((s) => (s.open ? { open: false, result: null, byNode: NONE } : { open: true })),
    show: (result) => set({ result, byNode: stepsByNode(result) }),
    clear: () => set({ open: false, result: null, byNode: NONE }),
  }));
}
