/**
 * How one canvas shows its journey, apart from the journey itself: which steps and connections
 * are selected, what the canvas is asked to bring into view, the copied steps, the problems pinned
 * after a refused publish, the side panels, and the last thing said to screen readers. None of it
 * is stored with the journey or undone with it. A vanilla zustand store made per canvas by
 * `createJourneyView`; journey-editor.ts combines it with the document.
 */
import type { JourneyProblem } from '@waypoint/journey';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Graph } from './graph-edits';
import { groupByNode, verdictOf, type PublishVerdict } from './journey-problems';

const NONE: ReadonlySet<string> = new Set();

export interface JourneyViewState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Asks the canvas to bring a node into view (and focus it); `seq` makes repeats distinct. */
  reveal: { nodeId: string; focus: boolean; seq: number } | null;
  /** Asks the canvas to fit the whole journey into view. */
  fitSeq: number;
  /** The last copied steps, and how often they were pasted (each paste lands a little further). */
  clipboard: { graph: Graph; pastes: number } | null;
  problems: JourneyProblem[];
  problemsByNode: ReadonlyMap<string, JourneyProblem[]>;
  /** What the server said at the last refused publish; null before one or after a publish. */
  verdict: PublishVerdict | null;
  versionsOpen: boolean;
  /** The published version shown read-only instead of the draft, if any. */
  viewingVersion: number | null;
  /** The last thing worth announcing to screen readers ("Connected …", "Cannot connect: …"). */
  announcement: { text: string; seq: number } | null;

  /** Replaces the selection. */
  select(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void;
  /** Selects one step (or nothing), as a click does. */
  selectOnly(nodeId: string | null): void;
  /** Applies React Flow's selection changes (clicks, box selection, pane clicks). */
  applySelectionChanges(nodeChanges: NodeChange[], edgeChanges: EdgeChange[]): void;
  /** Drops steps and connections that no longer exist from the selection. */
  forget(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void;
  /** Selects a node and asks the canvas to bring it into view; `focus` moves keyboard focus to it. */
  revealNode(nodeId: string, options?: { focus?: boolean }): void;
  requestFit(): void;
  copy(graph: Graph): void;
  /** The clipboard for one more paste (counting it), or null when nothing was copied. */
  takeClipboard(): { graph: Graph; pastes: number } | null;
  setProblems(problems: JourneyProblem[]): void;
  /** The server refused to publish: pin its problems (with the data they were found on). */
  publishRefused(problems: JourneyProblem[], nodes: ReadonlyArray<{ id: string; data: unknown }>): void;
  published(): void;
  toggleVersions(): void;
  viewVersion(version: number | null): void;
  announce(text: string): void;
}

export type JourneyViewApi = StoreApi<JourneyViewState>;

function setWith(base: ReadonlySet<string>, changes: ReadonlyArray<{ id: string; selected: boolean }>) {
  if (changes.length === 0) return base;
  const next = new Set(base);
  for (const change of changes) {
    if (change.selected) next.add(change.id);
    else next.delete(change.id);
  }
  return next;
}

function without(base: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
  let next: Set<string> | undefined;
  for (const id of ids) {
    if (!base.has(id)) continue;
    next ??= new Set(base);
    next.delete(id);
  }
  return next ?? base;
}

export function createJourneyView(): JourneyViewApi {
  let seq = 0;
  return createStore<JourneyViewState>()((set, get) => ({
    selectedNodes: NONE,
    selectedEdges: NONE,
    reveal: null,
    fitSeq: 0,
    clipboard: null,
    problems: [],
    problemsByNode: new Map(),
    verdict: null,
    versionsOpen: false,
    viewingVersion: null,
    announcement: null,

    select(nodeIds, edgeIds = []) {
      set({ selectedNodes: new Set(nodeIds), selectedEdges: new Set(edgeIds) });
    },

    selectOnly(nodeId) {
      const { selectedNodes, selectedEdges } = get();
      if (
        nodeId === null ? selectedNodes.size === 0 : selectedNodes.size === 1 && selectedNodes.has(nodeId)
      ) {
        if (selectedEdges.size > 0) set({ selectedEdges: NONE });
        return;
      }
      set({ selectedNodes: nodeId === null ? NONE : new Set([nodeId]), selectedEdges: NONE });
    },

    applySelectionChanges(nodeChanges, edgeChanges) {
      const picked = <C extends NodeChange | EdgeChange>(changes: C[]) =>
        changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      const removed = <C extends NodeChange | EdgeChange>(changes: C[]) =>
        changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
      const { selectedNodes, selectedEdges } = get();
      const nodes = without(setWith(selectedNodes, picked(nodeChanges)), removed(nodeChanges));
      const edges = without(setWith(selectedEdges, picked(edgeChanges)), removed(edgeChanges));
      if (nodes !== selectedNodes || edges !== selectedEdges)
        set({ selectedNodes: nodes, selectedEdges: edges });
    },

    forget(nodeIds, edgeIds = []) {
      const { selectedNodes, selectedEdges } = get();
      const nodes = without(selectedNodes, nodeIds);
      const edges = without(selectedEdges, edgeIds);
      if (nodes !== selectedNodes || edges !== selectedEdges)
        set({ selectedNodes: nodes, selectedEdges: edges });
    },

    revealNode(nodeId, { focus = true } = {}) {
      get().selectOnly(nodeId);
      set({ reveal: { nodeId, focus, seq: ++seq } });
    },

    requestFit() {
      set({ fitSeq: get().fitSeq + 1 });
    },

    copy(graph) {
      set({ clipboard: { graph, pastes: 0 } });
    },

    takeClipboard() {
      const { clipboard } = get();
      if (!clipboard) return null;
      const next = { graph: clipboard.graph, pastes: clipboard.pastes + 1 };
      set({ clipboard: next });
      return next;
    },

    setProblems(problems) {
      set({ problems, problemsByNode: groupByNode(problems) });
    },

    publishRefused(problems, nodes) {
      set({ verdict: verdictOf(problems, nodes) });
      get().setProblems(problems);
    },

    published() {
      set({ verdict: null });
      get().setProblems([]);
    },

    toggleVersions() {
      set({ versionsOpen: !get().versionsOpen });
    },

    viewVersion(version) {
      set({ viewingVersion: version });
    },

    announce(text) {
      set({ announcement: { text, seq: ++seq } });
    },
  }));
}

/** The one selected node's id, or null when none or several are selected. A primitive, so stable. */
export function selectedNodeId(state: Pick<JourneyViewState, 'selectedNodes'>): string | null {
  if (state.selectedNodes.size !== 1) return null;
  const [id] = state.selectedNodes;
  return id;
}

/**
 * The items as React Flow draws them: each marked `selected` when it is. Unselected items are
 * passed through as they are and a selected one keeps its marked copy while it is unchanged, so
 * React Flow (and the memoised cards) see new objects only for what really changed.
 */
export function withSelection<T extends { id: string; selected?: boolean }>(
  items: readonly T[],
  selected: ReadonlySet<string>,
  marked: WeakMap<T, T>,
): T[] {
  return items.map((item) => {
    if (!selected.has(item.id)) return item.selected ? { ...item, selected: false } : item;
    let copy = marked.get(item);
    if (!copy) {
      copy = { ...item, selected: true };
      marked.set(item, copy);
    }
    return copy;
  });
}
