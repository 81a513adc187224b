// The canvas: React Flow over the journey's document, drawn with the view's selection. Drop steps
// from the palette, connect outputs (refused as you drag when the rules say no, with the reason
// said aloud), delete with the keyboard, minimap and zoom controls. `nodeTypes` and `edgeTypes` are module constants so React
// Flow never re-mounts the nodes.
import {
  Background,
  ConnectionLineType,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type EdgeTypes,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeTypes,
} from '@xyflow/react';
import type { JourneyNodeType } from '@waypoint/journey';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { checkConnection, isTriggerType } from './connection-rules';
import { InsertableEdge } from './InsertableEdge';
import { EDGE_TYPE, type JourneyFlowEdge, type JourneyFlowNode } from './journey-flow';
import { JourneyNodeCard } from './JourneyNodeCard';
import { NODE_HEIGHT, NODE_WIDTH } from './graph-edits';
import { useJourneyDocument, useJourneyEditor, useJourneyView } from './JourneyEditorContext';
import { withSelection } from './journey-view';
import { NODE_TYPES, kindOf } from './node-registry';
import { NODE_TYPE_MIME } from './Palette';

const nodeTypes: NodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, JourneyNodeCard]));
const edgeTypes: EdgeTypes = { [EDGE_TYPE]: InsertableEdge };
const defaultEdgeOptions = { type: EDGE_TYPE };
const fitViewOptions = { maxZoom: 1, padding: 0.15 };
const DELETE_KEYS = ['Backspace', 'Delete'];

const MINIMAP_COLOURS: Record<string, string> = {
  trigger: '#3451c7',
  wait: '#b7791f',
  branch: '#7c3aed',
  message: '#0f8b8d',
  action: '#2f855a',
  end: '#5a6473',
};

function minimapColour(node: JourneyFlowNode): string {
  return MINIMAP_COLOURS[kindOf(node.type)?.group ?? ''] ?? '#9aa3af';
}

/** The document's steps and connections as React Flow draws them: marked with the view's selection. */
function useDrawnGraph() {
  const storedNodes = useJourneyDocument((s) => s.nodes);
  const storedEdges = useJourneyDocument((s) => s.edges);
  const selectedNodes = useJourneyView((s) => s.selectedNodes);
  const selectedEdges = useJourneyView((s) => s.selectedEdges);
  const [marked] = useState(() => ({
    nodes: new WeakMap<JourneyFlowNode, JourneyFlowNode>(),
    edges: new WeakMap<JourneyFlowEdge, JourneyFlowEdge>(),
  }));
  const nodes = useMemo(
    () => withSelection(storedNodes, selectedNodes, marked.nodes),
    [storedNodes, selectedNodes, marked],
  );
  const edges = useMemo(
    () => withSelection(storedEdges, selectedEdges, marked.edges),
    [storedEdges, selectedEdges, marked],
  );
  return { nodes, edges };
}

export function JourneyCanvas() {
  const editor = useJourneyEditor();
  const { document: store } = editor;
  const { nodes, edges } = useDrawnGraph();
  const readOnly = useJourneyDocument((s) => s.readOnly);
  const reveal = useJourneyView((s) => s.reveal);
  const fitSeq = useJourneyView((s) => s.fitSeq);
  const flow = useReactFlow<JourneyFlowNode, JourneyFlowEdge>();
  // Fit the journey into view once its steps are measured, when it opens with any; an empty
  // canvas keeps the plain viewport, so the first step dropped stays where it was dropped.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);
  const measured = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitOnOpen || !measured || fitted.current) return;
    fitted.current = true;
    void flow.fitView(fitViewOptions);
  }, [fitOnOpen, measured, flow]);

  useEffect(() => {
    if (!reveal) return;
    const node = flow.getNode(reveal.nodeId);
    if (!node) return;
    const width = node.measured?.width ?? NODE_WIDTH;
    const height = node.measured?.height ?? NODE_HEIGHT;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
      zoom: Math.max(flow.getZoom(), 0.8),
      duration: 250,
    });
    if (reveal.focus) {
      document
        .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(reveal.nodeId)}"]`)
        ?.focus();
    }
  }, [reveal, flow]);

  useEffect(() => {
    if (fitSeq > 0) void flow.fitView({ ...fitViewOptions, duration: 250 });
  }, [fitSeq, flow]);

  const isValidConnection: IsValidConnection<JourneyFlowEdge> = useCallback(
    (connection) => {
      const { nodes, edges } = store.getState();
      return checkConnection(connection, nodes, edges).ok;
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a handle that refused: say why, instead of silently drawing nothing.
      if (!state.toHandle || state.isValid || !state.fromHandle) return;
      const from = state.fromHandle.type === 'source' ? state.fromHandle : state.toHandle;
      const to = state.fromHandle.type === 'source' ? state.toHandle : state.fromHandle;
      const { nodes, edges } = store.getState();
      const verdict = checkConnection(
        { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId },
        nodes,
        edges,
      );
      if (!verdict.ok) editor.view.getState().announce(`Cannot connect: ${verdict.reason}`);
    },
    [store, editor],
  );

  const onBeforeDelete = useCallback(async () => {
    if (store.getState().readOnly) return false;
    store.getState().checkpoint();
    return true;
  }, [store]);

  const onDragStart = useCallback(() => store.getState().checkpoint(), [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(NODE_TYPE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_MIME) as JourneyNodeType;
      if (!type || !kindOf(type)) return;
      event.preventDefault();
      const state = store.getState();
      if (state.readOnly) return;
      if (isTriggerType(type) && state.nodes.some((n) => isTriggerType(n.type))) {
        editor.view.getState().announce('A journey has one trigger: delete the current one first.');
        return;
      }
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      editor.addNode(type, { position: { x: point.x - NODE_WIDTH / 2, y: point.y - NODE_HEIGHT / 2 } });
    },
    [flow, store, editor],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<JourneyFlowNode, JourneyFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={editor.onNodesChange}
        onEdgesChange={editor.onEdgesChange}
        onConnect={editor.connect}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onBeforeDelete={onBeforeDelete}
        onNodeDragStart={onDragStart}
        onSelectionDragStart={onDragStart}
        connectionLineType={ConnectionLineType.SmoothStep}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        minZoom={0.1}
        maxZoom={2}
      >
        <Background gap={24} />
        <MiniMap<JourneyFlowNode>
          pannable
          zoomable
          nodeColor={minimapColour}
          ariaLabel="Minimap of the journey"
        />
        <Controls aria-label="Zoom controls" showInteractive={false} />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas__empty">
          <p className="canvas__empty-title">An empty journey</p>
          <p>
            {readOnly
              ? 'This version has no steps.'
              : 'Start with a trigger: drag one from the steps on the left.'}
          </p>
        </div>
      )}
    </div>
  );
}
