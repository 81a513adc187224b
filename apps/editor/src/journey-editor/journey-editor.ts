/**
 * One canvas's state: the journey document (graph and undo, journey-document.ts) and its view
 * (selection, viewport requests, pinned problems, panels, journey-view.ts), made together per
 * canvas by `createJourneyEditor` and provided through context (JourneyEditorContext), so two
 * canvases (the draft and a past version) never share state. What the server knows (the journey's
 * status, its versions, its live figures, saving and publishing) lives in the query cache, not here.
 *
 * The commands below are the editor's gestures that touch both stores: a step added from the
 * palette lands after the selected one and becomes the selection, a paste selects what it pasted,
 * React Flow's changes are split between the two. No React here: tests drive it as is.
 */
import {
  validateJourney,
  type JourneyDefinitionInput,
  type JourneyNodeType,
  type JourneyProblem,
} from '@waypoint/journey';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { ConnectionVerdict } from './connection-rules';
import { snapshotOf } from './edit-history';
import {
  createJourneyDocument,
  type JourneyDocumentApi,
  type JourneyDocumentOptions,
} from './journey-document';
import type { JourneyFlowEdge, JourneyFlowNode } from './journey-flow';
import { standingProblems } from './journey-problems';
import { createJourneyView, selectedNodeId, type JourneyViewApi } from './journey-view';

/** How far each paste of one copy lands from the last (so repeats do not stack exactly). */
const PASTE_OFFSET = 40;

export interface JourneyEditor {
  document: JourneyDocumentApi;
  view: JourneyViewApi;

  onNodesChange(changes: NodeChange<JourneyFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<JourneyFlowEdge>[]): void;
  /** Connects two steps, or says why not. */
  connect(connection: Connection): void;
  /** Adds a step (after the one selected step, unless dropped at `position`) and selects it. */
  addNode(
    type: JourneyNodeType,
    options?: { position?: { x: number; y: number }; fallback?: { x: number; y: number } },
  ): string;
  insertOnEdge(edgeId: string, type: JourneyNodeType): string | undefined;
  setOutputTarget(nodeId: string, handle: string, targetId: string | null): void;
  deleteSelection(): void;
  deleteNode(id: string): void;
  /** Copies the selected steps and the connections between them; returns how many steps. */
  copySelection(): number;
  /** Pastes the last copy with fresh ids and selects it; returns how many steps. */
  paste(): number;
  autoLayout(): void;
  /** Replaces the draft's graph and settings (a version copied back), as one undo step. */
  replaceDefinition(definition: JourneyDefinitionInput): void;
  publishRefused(problems: JourneyProblem[]): void;
  /** Re-checks the graph against the last refusal (after edits). No-op before any refusal. */
  recheckProblems(): void;
}

export type JourneyEditorOptions = JourneyDocumentOptions;

export function createJourneyEditor(options: JourneyEditorOptions = {}): JourneyEditor {
  const document = createJourneyDocument(options);
  const view = createJourneyView();
  const doc = () => document.getState();
  const shown = () => view.getState();
  const refused = (verdict: ConnectionVerdict) => {
    if (!verdict.ok) shown().announce(`Cannot connect: ${verdict.reason}`);
  };

  return {
    document,
    view,

    onNodesChange(changes) {
      doc().applyNodeChanges(changes);
      shown().applySelectionChanges(changes, []);
    },

    onEdgesChange(changes) {
      doc().applyEdgeChanges(changes);
      shown().applySelectionChanges([], changes);
    },

    connect(connection) {
      const verdict = doc().connect(connection);
      refused(verdict);
      if (verdict.ok) shown().announce('Connected.');
    },

    addNode(type, { position, fallback } = {}) {
      const after = position ? undefined : (selectedNodeId(shown()) ?? undefined);
      const id = doc().addNode(type, { position, after, fallback });
      shown().selectOnly(id);
      return id;
    },

    insertOnEdge(edgeId, type) {
      const id = doc().insertOnEdge(edgeId, type);
      if (id) shown().selectOnly(id);
      return id;
    },

    setOutputTarget(nodeId, handle, targetId) {
      refused(doc().setOutputTarget(nodeId, handle, targetId));
    },

    deleteSelection() {
      const { selectedNodes, selectedEdges } = shown();
      if (doc().deleteElements(selectedNodes, selectedEdges)) shown().forget(selectedNodes, selectedEdges);
    },

    deleteNode(id) {
      if (doc().deleteElements(new Set([id]))) shown().forget([id]);
    },

    copySelection() {
      const { selectedNodes } = shown();
      const { nodes, edges, settings } = doc();
      const copied = nodes.filter((n) => selectedNodes.has(n.id));
      if (copied.length === 0) return 0;
      const inner = edges.filter((e) => selectedNodes.has(e.source) && selectedNodes.has(e.target));
      shown().copy(snapshotOf({ nodes: copied, edges: inner, settings }));
      return copied.length;
    },

    paste() {
      const clip = shown().clipboard;
      if (!clip || doc().readOnly || clip.graph.nodes.length === 0) return 0;
      const { pastes } = shown().takeClipboard() ?? clip;
      const pasted = doc().pasteGraph(clip.graph, PASTE_OFFSET * pastes);
      shown().select(pasted);
      return pasted.length;
    },

    autoLayout() {
      doc().autoLayout();
      shown().requestFit();
    },

    replaceDefinition(definition) {
      if (doc().readOnly) return;
      doc().replaceDefinition(definition);
      shown().select([]);
      shown().requestFit();
    },

    publishRefused(problems) {
      shown().publishRefused(problems, doc().nodes);
    },

    recheckProblems() {
      const { verdict } = shown();
      if (!verdict) return;
      const local = validateJourney(doc().definition()).problems;
      shown().setProblems(standingProblems(verdict, local, doc().nodes));
    },
  };
}
