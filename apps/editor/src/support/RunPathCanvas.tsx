// A run's journey version drawn read-only, with the way the run went: visited steps and the
// connections it followed highlighted, each step's visit count and last outcome, and the step it
// is at now marked. Loaded lazily with the run page (it brings React Flow and dagre).
import type { JourneyDefinitionInput } from '@waypoint/journey';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useMemo } from 'react';
import { layoutJourney } from '../journey-editor/auto-layout';
import { NODE_HEIGHT, NODE_WIDTH } from '../journey-editor/graph-edits';
import { needsLayout, toFlow } from '../journey-editor/journey-flow';
import { kindOf } from '../journey-editor/node-registry';
import { outputLabel, summarizeNode, type TypedNode } from '../journey-editor/node-summary';
import { edgeKey, runPath, type PathStep } from './run-path';
import './run-page.css';

interface RunStepData extends Record<string, unknown> {
  node: TypedNode;
  visits: number;
  outcome: string | null;
  current: boolean;
  waitingUntil: string | null;
}

type RunStepNode = Node<RunStepData, 'run-step'>;

const OUTCOME_WORDS: Record<string, string> = {
  completed: 'done',
  waiting: 'waiting',
  skipped: 'skipped',
  failed: 'failed',
};

function RunStepView({ id, data }: NodeProps<RunStepNode>) {
  const kind = kindOf(data.node.type);
  const classes = [
    'run-step',
    `run-step--${kind?.group ?? 'unknown'}`,
    data.visits > 0 ? 'run-step--visited' : 'run-step--unvisited',
    data.outcome ? `run-step--${data.outcome}` : '',
    data.current ? 'run-step--current' : '',
  ];
  const state =
    data.visits > 0
      ? `${OUTCOME_WORDS[data.outcome ?? ''] ?? data.outcome}${data.visits > 1 ? ` · ${data.visits} visits` : ''}`
      : 'not reached';
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={id} data-visits={data.visits}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <p className="run-step__type">
        {kind?.label ?? data.node.type} <span className="run-step__id">{id}</span>
      </p>
      <p className="run-step__summary">{summarizeNode(data.node)}</p>
      <p className="run-step__state">
        {data.current ? (
          <strong>
            Here now{data.waitingUntil ? ` · until ${new Date(data.waitingUntil).toLocaleString()}` : ''}
          </strong>
        ) : (
          state
        )}
      </p>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes: NodeTypes = { 'run-step': memo(RunStepView) };
const fitViewOptions = { maxZoom: 1, padding: 0.12 };

export function RunPathCanvas({
  definition,
  steps,
  currentNodeId,
  waitingUntil,
}: {
  definition: JourneyDefinitionInput;
  steps: readonly PathStep[];
  currentNodeId: string | null;
  waitingUntil: string | null;
}) {
  // The run page refreshes every few seconds with new arrays; redraw only when the path changed
  // (pathKey stands for steps in the dependencies).
  const pathKey = steps.map((s) => `${s.nodeId}:${s.branch ?? ''}:${s.outcome}`).join('|');
  const { nodes, edges } = useMemo(() => {
    const flow = toFlow(definition);
    const stored = flow.nodes;
    const positions = needsLayout(stored)
      ? layoutJourney(
          stored.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
          flow.edges.map((e) => ({ source: e.source, target: e.target })),
        )
      : null;
    const path = runPath(
      steps,
      flow.edges.map((e) => ({ source: e.source, sourceHandle: e.sourceHandle, target: e.target })),
      currentNodeId,
    );
    const typed = new Map(stored.map((n) => [n.id, { type: n.type, data: n.data } as TypedNode]));
    const nodes: RunStepNode[] = stored.map((n) => ({
      id: n.id,
      type: 'run-step',
      position: positions?.get(n.id) ?? n.position,
      draggable: false,
      connectable: false,
      data: {
        node: typed.get(n.id) as TypedNode,
        visits: path.visits.get(n.id) ?? 0,
        outcome: path.lastOutcome.get(n.id) ?? null,
        current: path.current === n.id,
        waitingUntil: path.current === n.id ? waitingUntil : null,
      },
    }));
    const edges: Edge[] = flow.edges.map((e) => {
      const followed = path.followed.has(
        edgeKey({ source: e.source, sourceHandle: e.sourceHandle, target: e.target }),
      );
      const source = typed.get(e.source);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: source && e.sourceHandle !== 'next' ? outputLabel(source, e.sourceHandle) : undefined,
        className: followed ? 'run-edge run-edge--followed' : 'run-edge',
        animated: followed && e.target === currentNodeId,
      };
    });
    return { nodes, edges };
  }, [definition, pathKey, currentNodeId, waitingUntil]);

  return (
    <div className="run-canvas" aria-label="The run's path through its journey version" role="region">
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={fitViewOptions}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
