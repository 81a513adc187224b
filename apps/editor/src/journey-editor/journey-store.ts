/**
 * The canvas state of one journey (nodes, edges, settings, selection, undo history, clipboard,
 * problems and live counts) and every edit the editor makes to it. A vanilla zustand store made
 * per journey by `createJourneyStore` and provided through context (JourneyStoreContext), so two
 * canvases (the draft and a past version) never share state. No React here: tests drive it as is.
 *
 * `revision` counts edits to what the journey stores; autosave and the live problem check follow
 * it, and selection, hover or measuring never bump it.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import {
  validateJourney,
  type JourneyDefinitionInput,
  type JourneyNodeType,
  type JourneyProblem,
} from '@waypoint/journey';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JourneyStats } from '../api-types';
import { layoutJourney } from './auto-layout';
import { checkConnection } from './connection-rules';
import {
  insertOnEdge,
  nextNodeId,
  pasteCopy,
  placeAfter,
  ROW,
  sizeOf,
  withoutDanglingEdges,
  type Graph,
} from './graph-edits';
import {
  flowEdge,
  fromFlow,
  toFlow,
  type JourneyFlowEdge,
  type JourneyFlowNode,
  type JourneySettingsInput,
  type NodeDataOf,
} from './journey-flow';
import { pushSnapshot, restoreSnapshot, snapshotOf, type Snapshot } from './edit-history';
import { groupByNode, standingProblems, verdictOf, type PublishVerdict } from './journey-problems';
import { withUnchangedNodesShared } from './node-counters';
import { createNodeData, idPrefixOf } from './node-registry';
import { outputsOfNode } from './node-summary';
import type { SaveState } from './draft-autosave';

export { NODE_HEIGHT, NODE_WIDTH } from './graph-edits';

/** Edits with the same key this close together (typing in one field) are one undo step. */
const COALESCE_MS = 1_000;

export interface JourneyEditorState {
  name: string;
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
  settings: JourneySettingsInput;
  readOnly: boolean;
  revision: number;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: Graph | null;
  problems: JourneyProblem[];
  problemsByNode: ReadonlyMap<string, JourneyProblem[]>;
  verdict: PublishVerdict | null;
  stats: JourneyStats | null;
  saveState: SaveState;
  /** Asks the canvas to bring a node into view (and focus it); `seq` makes repeats distinct. */
  reveal: { nodeId: string; focus: boolean; seq: number } | null;
  /** Asks the canvas to fit the whole journey into view. */
  fitSeq: number;
  /** The last thing worth announcing to screen readers ("Connected …", "Cannot connect: …"). */
  announcement: { text: string; seq: number } | null;

  onNodesChange(changes: NodeChange<JourneyFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<JourneyFlowEdge>[]): void;
  connect(connection: Connection): void;
  /** Records an undo step before React Flow deletes or drags (it applies those itself). */
  checkpoint(key?: string): void;
  addNode(
    type: JourneyNodeType,
    options?: { position?: { x: number; y: number }; fallback?: { x: number; y: number } },
  ): string;
  insertOnEdge(edgeId: string, type: JourneyNodeType): string | undefined;
  updateNodeData<T extends JourneyNodeType>(id: string, data: NodeDataOf<T>, field?: string): void;
  setOutputTarget(nodeId: string, handle: string, targetId: string | null): void;
  updateSettings(settings: JourneySettingsInput, field?: string): void;
  rename(name: string): void;
  deleteSelection(): void;
  deleteNode(id: string): void;
  selectOnly(id: string | null): void;
  copySelection(): number;
  paste(): number;
  undo(): void;
  redo(): void;
  autoLayout(): void;
  /** Selects a node and asks the canvas to bring it into view; `focus` moves keyboard focus to it. */
  revealNode(id: string, options?: { focus?: boolean }): void;
  replaceDefinition(definition: JourneyDefinitionInput): void;
  setProblems(problems: JourneyProblem[]): void;
  /** The server refused to publish: pin its problems and keep them current as the graph changes. */
  publishRefused(problems: JourneyProblem[]): void;
  published(): void;
  /** Re-checks the graph against the last refusal (after edits). No-op before any refusal. */
  recheckProblems(): void;
  setStats(stats: JourneyStats | null): void;
  setSaveState(state: SaveState): void;
  announce(text: string): void;
  definition(): JourneyDefinitionInput;
}

export type JourneyStoreApi = StoreApi<JourneyEditorState>;

export interface JourneyStoreOptions {
  name?: string;
  definition?: JourneyDefinitionInput | null;
  readOnly?: boolean;
  /** The clock for coalescing undo steps; tests pass their own. */
  now?: () => number;
}

function deselected<T extends { selected?: boolean }>(items: readonly T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

export function createJourneyStore(options: JourneyStoreOptions = {}): JourneyStoreApi {
  const now = options.now ?? (() => Date.now());
  const initial = toFlow(options.definition);
  let lastCommit: { key: string; at: number } | null = null;
  let seq = 0;
  let pasteCount = 0;

  return createStore<JourneyEditorState>()((set, get) => {
    /** Pushes an undo step, unless it continues the previous edit of the same field. */
    function commit(key?: string) {
      const at = now();
      if (key && lastCommit && lastCommit.key === key && at - lastCommit.at < COALESCE_MS) {
        lastCommit.at = at;
        return;
      }
      lastCommit = key ? { key, at } : null;
      const state = get();
      set({ past: pushSnapshot(state.past, snapshotOf(state)), future: [] });
    }

    function edited(partial: Partial<JourneyEditorState>) {
      set({ ...partial, revision: get().revision + 1 });
    }

    return {
      name: options.name ?? '',
      nodes: initial.nodes,
      edges: initial.edges,
      settings: initial.settings,
      readOnly: options.readOnly ?? false,
      revision: 0,
      past: [],
      future: [],
      clipboard: null,
      problems: [],
      problemsByNode: new Map(),
      verdict: null,
      stats: null,
      saveState: { status: 'saved' },
      reveal: null,
      fitSeq: 0,
      announcement: null,

      onNodesChange(changes) {
        const state = get();
        const allowed = state.readOnly
          ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions')
          : changes;
        if (allowed.length === 0) return;
        const nodes = applyNodeChanges(allowed, state.nodes);
        const storedChange = allowed.some(
          (c) =>
            c.type === 'remove' ||
            c.type === 'add' ||
            c.type === 'replace' ||
            (c.type === 'position' && !c.dragging),
        );
        if (!storedChange) {
          set({ nodes });
          return;
        }
        const removed = new Set(allowed.filter((c) => c.type === 'remove').map((c) => c.id));
        const edges = removed.size
          ? state.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target))
          : state.edges;
        edited({ nodes, edges });
      },

      onEdgesChange(changes) {
        const state = get();
        const allowed = state.readOnly ? changes.filter((c) => c.type === 'select') : changes;
        if (allowed.length === 0) return;
        const edges = applyEdgeChanges(allowed, state.edges);
        if (allowed.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace')) {
          edited({ edges });
        } else {
          set({ edges });
        }
      },

      connect(connection) {
        const state = get();
        if (state.readOnly) return;
        const verdict = checkConnection(connection, state.nodes, state.edges);
        if (!verdict.ok) {
          get().announce(`Cannot connect: ${verdict.reason}`);
          return;
        }
        commit();
        const handle = connection.sourceHandle ?? 'next';
        edited({ edges: [...state.edges, flowEdge(connection.source, handle, connection.target)] });
        get().announce('Connected.');
      },

      checkpoint(key) {
        if (!get().readOnly) commit(key);
      },

      addNode(type, { position, fallback } = {}) {
        const state = get();
        const id = nextNodeId(idPrefixOf(type), new Set(state.nodes.map((n) => n.id)));
        const edges = [...state.edges];
        let at = position;
        // Added without a drop point (palette click, keyboard): after the selected step when it
        // has an output free, so a journey can be built top to bottom without a mouse.
        const selected = state.nodes.filter((n) => n.selected);
        if (!position && selected.length === 1 && !type.startsWith('trigger.')) {
          const after = placeAfter(selected[0], state.edges);
          if (after) {
            at = after.position;
            edges.push(flowEdge(selected[0].id, after.handle, id));
          }
        }
        at ??= fallback ?? { x: 0, y: state.nodes.length * ROW };
        commit();
        const node = {
          id,
          type,
          position: at,
          data: createNodeData(type),
          selected: true,
        } as JourneyFlowNode;
        edited({ nodes: [...deselected(state.nodes), node], edges });
        return id;
      },

      insertOnEdge(edgeId, type) {
        const state = get();
        if (state.readOnly) return undefined;
        const id = nextNodeId(idPrefixOf(type), new Set(state.nodes.map((n) => n.id)));
        const node = {
          id,
          type,
          position: { x: 0, y: 0 },
          data: createNodeData(type),
          selected: true,
        } as JourneyFlowNode;
        const next = insertOnEdge({ nodes: deselected(state.nodes), edges: state.edges }, edgeId, node);
        if (!next) return undefined;
        commit();
        edited(next);
        return id;
      },

      updateNodeData(id, data, field) {
        const state = get();
        if (state.readOnly) return;
        commit(field ? `data:${id}:${field}` : undefined);
        const nodes = state.nodes.map((n) => (n.id === id ? ({ ...n, data } as JourneyFlowNode) : n));
        edited({ nodes, edges: withoutDanglingEdges(nodes, state.edges) });
      },

      setOutputTarget(nodeId, handle, targetId) {
        const state = get();
        if (state.readOnly) return;
        const existing = state.edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
        if (targetId) {
          const verdict = checkConnection(
            { source: nodeId, sourceHandle: handle, target: targetId },
            state.nodes,
            state.edges,
            existing?.id,
          );
          if (!verdict.ok) {
            get().announce(`Cannot connect: ${verdict.reason}`);
            return;
          }
        }
        commit();
        const edges = state.edges.filter((e) => e !== existing);
        if (targetId) edges.push(flowEdge(nodeId, handle, targetId));
        edited({ edges });
      },

      updateSettings(settings, field) {
        if (get().readOnly) return;
        commit(field ? `settings:${field}` : undefined);
        edited({ settings });
      },

      rename(name) {
        if (get().readOnly) return;
        edited({ name });
      },

      deleteSelection() {
        const state = get();
        const ids = new Set(state.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(state.edges.filter((e) => e.selected).map((e) => e.id));
        if (state.readOnly || (ids.size === 0 && edgeIds.size === 0)) return;
        commit();
        edited({
          nodes: state.nodes.filter((n) => !ids.has(n.id)),
          edges: state.edges.filter((e) => !edgeIds.has(e.id) && !ids.has(e.source) && !ids.has(e.target)),
        });
      },

      deleteNode(id) {
        const state = get();
        if (state.readOnly) return;
        commit();
        edited({
          nodes: state.nodes.filter((n) => n.id !== id),
          edges: state.edges.filter((e) => e.source !== id && e.target !== id),
        });
      },

      selectOnly(id) {
        const state = get();
        set({
          nodes: state.nodes.map((n) => (n.selected !== (n.id === id) ? { ...n, selected: n.id === id } : n)),
          edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        });
      },

      copySelection() {
        const state = get();
        const nodes = state.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        if (nodes.length === 0) return 0;
        const edges = state.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        pasteCount = 0;
        set({ clipboard: snapshotOf({ nodes, edges, settings: state.settings }) });
        return nodes.length;
      },

      paste() {
        const state = get();
        const clip = state.clipboard;
        if (!clip || state.readOnly || clip.nodes.length === 0) return 0;
        // Each paste of one copy lands a little further along, so repeats do not stack exactly.
        pasteCount += 1;
        const pasted = pasteCopy(
          clip,
          new Set(state.nodes.map((n) => n.id)),
          (node, taken) => nextNodeId(idPrefixOf(node.type), taken),
          40 * pasteCount,
        );
        commit();
        edited({
          nodes: [...deselected(state.nodes), ...pasted.nodes.map((n) => ({ ...n, selected: true }))],
          edges: [...deselected(state.edges), ...pasted.edges],
        });
        return pasted.nodes.length;
      },

      undo() {
        const state = get();
        const previous = state.past[state.past.length - 1];
        if (!previous || state.readOnly) return;
        lastCommit = null;
        edited({
          ...restoreSnapshot(previous, state.nodes),
          past: state.past.slice(0, -1),
          future: [snapshotOf(state), ...state.future],
        });
      },

      redo() {
        const state = get();
        const [next, ...rest] = state.future;
        if (!next || state.readOnly) return;
        lastCommit = null;
        edited({
          ...restoreSnapshot(next, state.nodes),
          past: pushSnapshot(state.past, snapshotOf(state)),
          future: rest,
        });
      },

      autoLayout() {
        const state = get();
        const positions = layoutJourney(
          state.nodes.map((n) => ({ id: n.id, ...sizeOf(n) })),
          state.edges.map((e) => {
            const source = state.nodes.find((n) => n.id === e.source);
            return {
              source: e.source,
              target: e.target,
              order: source ? outputsOfNode(source).indexOf(e.sourceHandle) : 0,
            };
          }),
        );
        const nodes = state.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
        if (state.readOnly) {
          set({ nodes, fitSeq: state.fitSeq + 1 });
          return;
        }
        commit();
        edited({ nodes, fitSeq: state.fitSeq + 1 });
      },

      revealNode(id, { focus = true } = {}) {
        get().selectOnly(id);
        set({ reveal: { nodeId: id, focus, seq: ++seq } });
      },

      replaceDefinition(definition) {
        if (get().readOnly) return;
        const flow = toFlow(definition);
        commit();
        edited({ nodes: flow.nodes, edges: flow.edges, settings: flow.settings, fitSeq: get().fitSeq + 1 });
      },

      setProblems(problems) {
        set({ problems, problemsByNode: groupByNode(problems) });
      },

      publishRefused(problems) {
        set({ verdict: verdictOf(problems, get().nodes) });
        get().setProblems(problems);
      },

      published() {
        set({ verdict: null });
        get().setProblems([]);
      },

      recheckProblems() {
        const { verdict, nodes } = get();
        if (!verdict) return;
        const local = validateJourney(get().definition()).problems;
        get().setProblems(standingProblems(verdict, local, nodes));
      },

      setStats(stats) {
        set({ stats: stats && withUnchangedNodesShared(get().stats, stats) });
      },

      setSaveState(saveState) {
        set({ saveState });
      },

      announce(text) {
        set({ announcement: { text, seq: ++seq } });
      },

      definition() {
        const state = get();
        return fromFlow(state.nodes, state.edges, state.settings);
      },
    };
  });
}

/** The one selected node's id, or null when none or several are selected. A primitive, so stable. */
export function selectedNodeId(state: JourneyEditorState): string | null {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found !== null) return null;
    found = node.id;
  }
  return found;
}
