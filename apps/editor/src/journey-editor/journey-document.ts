/**
 * The journey being edited, as a document: its name, steps, connections and settings, whether it
 * may be changed, and its undo history. Nothing about how it is shown (selection, viewport,
 * panels: journey-view.ts) or what the server knows (the query cache): those change without
 * changing the journey. A vanilla zustand store, made per canvas by `createJourneyDocument`.
 *
 * `revision` counts edits to what the journey stores; autosave and the live problem check follow
 * it, and measuring or dragging in progress never bump it.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { JourneyDefinitionInput, JourneyNodeType } from '@waypoint/journey';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { layoutJourney } from './auto-layout';
import { checkConnection, type ConnectionVerdict } from './connection-rules';
import { pushSnapshot, restoreSnapshot, snapshotOf, type Snapshot } from './edit-history';
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
  needsLayout,
  toFlow,
  type JourneyFlowEdge,
  type JourneyFlowNode,
  type JourneySettingsInput,
  type NodeDataOf,
} from './journey-flow';
import { createNodeData, idPrefixOf } from './node-registry';
import { outputsOfNode } from './node-summary';

/** Edits with the same key this close together (typing in one field) are one undo step. */
const COALESCE_MS = 1_000;

export interface JourneyDocumentState {
  name: string;
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
  settings: JourneySettingsInput;
  readOnly: boolean;
  revision: number;
  past: Snapshot[];
  future: Snapshot[];

  /** React Flow's node changes, except selection (the view's); a read-only journey takes sizes only. */
  applyNodeChanges(changes: NodeChange<JourneyFlowNode>[]): void;
  /** React Flow's edge changes, except selection (the view's). */
  applyEdgeChanges(changes: EdgeChange<JourneyFlowEdge>[]): void;
  connect(connection: Connection): ConnectionVerdict;
  /** Records an undo step before React Flow deletes or drags (it applies those itself). */
  checkpoint(key?: string): void;
  /**
   * Adds a step and returns its id: at `position`, or after the step `after` on its first free
   * output (connected from it), or else at `fallback`.
   */
  addNode(
    type: JourneyNodeType,
    options?: { position?: { x: number; y: number }; after?: string; fallback?: { x: number; y: number } },
  ): string;
  insertOnEdge(edgeId: string, type: JourneyNodeType): string | undefined;
  updateNodeData<T extends JourneyNodeType>(id: string, data: NodeDataOf<T>, field?: string): void;
  setOutputTarget(nodeId: string, handle: string, targetId: string | null): ConnectionVerdict;
  updateSettings(settings: JourneySettingsInput, field?: string): void;
  rename(name: string): void;
  /** Deletes these steps (with their connections) and connections; false when there was nothing. */
  deleteElements(nodeIds: ReadonlySet<string>, edgeIds?: ReadonlySet<string>): boolean;
  /** Adds a copy of `graph` with fresh ids, `offset` pixels down and right; returns the new ids. */
  pasteGraph(graph: Graph, offset: number): string[];
  undo(): void;
  redo(): void;
  autoLayout(): void;
  replaceDefinition(definition: JourneyDefinitionInput): void;
  setReadOnly(readOnly: boolean): void;
  definition(): JourneyDefinitionInput;
}

export type JourneyDocumentApi = StoreApi<JourneyDocumentState>;

export interface JourneyDocumentOptions {
  name?: string;
  definition?: JourneyDefinitionInput | null;
  readOnly?: boolean;
  /** The clock for coalescing undo steps; tests pass their own. */
  now?: () => number;
}

const REFUSED_READ_ONLY: ConnectionVerdict = { ok: false, reason: 'This journey is read-only.' };

/** New positions for every node, top to bottom along the connections. */
function laidOut(nodes: JourneyFlowNode[], edges: JourneyFlowEdge[]): JourneyFlowNode[] {
  const positions = layoutJourney(
    nodes.map((n) => ({ id: n.id, ...sizeOf(n) })),
    edges.map((e) => {
      const source = nodes.find((n) => n.id === e.source);
      return {
        source: e.source,
        target: e.target,
        order: source ? outputsOfNode(source).indexOf(e.sourceHandle) : 0,
      };
    }),
  );
  return nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
}

export function createJourneyDocument(options: JourneyDocumentOptions = {}): JourneyDocumentApi {
  const now = options.now ?? (() => Date.now());
  const initial = toFlow(options.definition);
  // A journey created through the API may carry no layout: it opens laid out (not an edit).
  const initialNodes = needsLayout(initial.nodes) ? laidOut(initial.nodes, initial.edges) : initial.nodes;
  let lastCommit: { key: string; at: number } | null = null;

  return createStore<JourneyDocumentState>()((set, get) => {
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

    function edited(partial: Partial<JourneyDocumentState>) {
      set({ ...partial, revision: get().revision + 1 });
    }

    function newNode(type: JourneyNodeType, id: string, position: { x: number; y: number }) {
      return { id, type, position, data: createNodeData(type) } as JourneyFlowNode;
    }

    return {
      name: options.name ?? '',
      nodes: initialNodes,
      edges: initial.edges,
      settings: initial.settings,
      readOnly: options.readOnly ?? false,
      revision: 0,
      past: [],
      future: [],

      applyNodeChanges(changes) {
        const state = get();
        const allowed = changes.filter(
          (c) => c.type !== 'select' && (!state.readOnly || c.type === 'dimensions'),
        );
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

      applyEdgeChanges(changes) {
        const state = get();
        if (state.readOnly) return;
        const allowed = changes.filter((c) => c.type !== 'select');
        if (allowed.length === 0) return;
        edited({ edges: applyEdgeChanges(allowed, state.edges) });
      },

      connect(connection) {
        const state = get();
        if (state.readOnly) return REFUSED_READ_ONLY;
        const verdict = checkConnection(connection, state.nodes, state.edges);
        if (!verdict.ok) return verdict;
        commit();
        const handle = connection.sourceHandle ?? 'next';
        edited({ edges: [...state.edges, flowEdge(connection.source, handle, connection.target)] });
        return verdict;
      },

      checkpoint(key) {
        if (!get().readOnly) commit(key);
      },

      addNode(type, { position, after, fallback } = {}) {
        const state = get();
        const id = nextNodeId(idPrefixOf(type), new Set(state.nodes.map((n) => n.id)));
        const edges = [...state.edges];
        let at = position;
        // Added without a drop point (palette click, keyboard): after the given step when it has
        // an output free, so a journey can be built top to bottom without a mouse.
        const previous = after === undefined ? undefined : state.nodes.find((n) => n.id === after);
        if (!position && previous && !type.startsWith('trigger.')) {
          const place = placeAfter(previous, state.edges);
          if (place) {
            at = place.position;
            edges.push(flowEdge(previous.id, place.handle, id));
          }
        }
        at ??= fallback ?? { x: 0, y: state.nodes.length * ROW };
        commit();
        edited({ nodes: [...state.nodes, newNode(type, id, at)], edges });
        return id;
      },

      insertOnEdge(edgeId, type) {
        const state = get();
        if (state.readOnly) return undefined;
        const id = nextNodeId(idPrefixOf(type), new Set(state.nodes.map((n) => n.id)));
        const next = insertOnEdge(
          { nodes: state.nodes, edges: state.edges },
          edgeId,
          newNode(type, id, { x: 0, y: 0 }),
        );
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
        if (state.readOnly) return REFUSED_READ_ONLY;
        const existing = state.edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
        if (targetId) {
          const verdict = checkConnection(
            { source: nodeId, sourceHandle: handle, target: targetId },
            state.nodes,
            state.edges,
            existing?.id,
          );
          if (!verdict.ok) return verdict;
        }
        commit();
        const edges = state.edges.filter((e) => e !== existing);
        if (targetId) edges.push(flowEdge(nodeId, handle, targetId));
        edited({ edges });
        return { ok: true };
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

      deleteElements(nodeIds, edgeIds = new Set()) {
        const state = get();
        if (state.readOnly) return false;
        const nodes = state.nodes.filter((n) => !nodeIds.has(n.id));
        const edges = state.edges.filter(
          (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
        );
        if (nodes.length === state.nodes.length && edges.length === state.edges.length) return false;
        commit();
        edited({ nodes, edges });
        return true;
      },

      pasteGraph(graph, offset) {
        const state = get();
        if (state.readOnly || graph.nodes.length === 0) return [];
        const pasted = pasteCopy(
          graph,
          new Set(state.nodes.map((n) => n.id)),
          (node, taken) => nextNodeId(idPrefixOf(node.type), taken),
          offset,
        );
        commit();
        edited({ nodes: [...state.nodes, ...pasted.nodes], edges: [...state.edges, ...pasted.edges] });
        return pasted.nodes.map((n) => n.id);
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
        const nodes = laidOut(state.nodes, state.edges);
        if (state.readOnly) {
          set({ nodes });
          return;
        }
        commit();
        edited({ nodes });
      },

      replaceDefinition(definition) {
        if (get().readOnly) return;
        const flow = toFlow(definition);
        commit();
        edited({ nodes: flow.nodes, edges: flow.edges, settings: flow.settings });
      },

      setReadOnly(readOnly) {
        if (get().readOnly !== readOnly) set({ readOnly });
      },

      definition() {
        const state = get();
        return fromFlow(state.nodes, state.edges, state.settings);
      },
    };
  });
}
