/**
 * The canvas's structural edits as pure functions over React Flow nodes and edges: fresh ids,
 * where a step added "after" another goes, inserting a step on a connection (making room below),
 * pasting a copied selection, and dropping connections that lost an end or an output. The store
 * (journey-document.ts) records undo steps around them.
 */
import { freeOutputs } from './connection-rules';
import { flowEdge, type JourneyFlowEdge, type JourneyFlowNode } from './journey-flow';
import { outputsOfNode } from './node-summary';

/** The size a node is laid out with before React Flow has measured it. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 96;
/** Vertical distance between a step and the next one. */
export const ROW = NODE_HEIGHT + 64;

export interface Graph {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}

/** `prefix-1`, `prefix-2` …: the first not taken. Readable in problems and stats. */
export function nextNodeId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function sizeOf(node: JourneyFlowNode): { width: number; height: number } {
  return { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? NODE_HEIGHT };
}

/** Node ids reachable from `start` along edges (or against them), `start` included. */
export function reachableFrom(
  start: string,
  edges: readonly JourneyFlowEdge[],
  reverse = false,
): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of edges) {
      const [from, to] = reverse ? [edge.target, edge.source] : [edge.source, edge.target];
      if (from === id && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * Where a new step goes when added after `after` on its first free output, and that output; or
 * undefined when every output of `after` already leads somewhere.
 */
export function placeAfter(
  after: JourneyFlowNode,
  edges: readonly JourneyFlowEdge[],
): { position: { x: number; y: number }; handle: string } | undefined {
  const [handle] = freeOutputs(after, edges);
  if (!handle) return undefined;
  const outputs = outputsOfNode(after);
  const size = sizeOf(after);
  // Under its handle: outputs spread across the node, so arms fan out left to right.
  const spread = (outputs.indexOf(handle) - (outputs.length - 1) / 2) * (NODE_WIDTH + 40);
  return {
    position: {
      x: after.position.x + (size.width - NODE_WIDTH) / 2 + spread,
      y: after.position.y + size.height + 64,
    },
    handle,
  };
}

/**
 * Puts `node` on the edge `edgeId`: source → node → target (through the node's first output),
 * moving everything below the insertion point down one row, except what leads back into the
 * source (a loop must not drag the steps above along).
 */
export function insertOnEdge(graph: Graph, edgeId: string, node: JourneyFlowNode): Graph | undefined {
  const edge = graph.edges.find((e) => e.id === edgeId);
  const target = graph.nodes.find((n) => n.id === edge?.target);
  if (!edge || !target) return undefined;
  const upstream = reachableFrom(edge.source, graph.edges, true);
  const downstream = reachableFrom(edge.target, graph.edges);
  const nodes = graph.nodes.map((n) =>
    downstream.has(n.id) && !upstream.has(n.id)
      ? { ...n, position: { x: n.position.x, y: n.position.y + ROW } }
      : n,
  );
  const placed = { ...node, position: { ...target.position } } as JourneyFlowNode;
  const first = outputsOfNode(placed)[0];
  const edges = graph.edges.filter((e) => e.id !== edgeId);
  edges.push(flowEdge(edge.source, edge.sourceHandle, placed.id));
  if (first) edges.push(flowEdge(placed.id, first, edge.target));
  return { nodes: [...nodes, placed], edges };
}

/** A copied selection with fresh ids (from `idFor`), its inner edges, moved by `offset`. */
export function pasteCopy(
  clip: Graph,
  taken: ReadonlySet<string>,
  idFor: (node: JourneyFlowNode, taken: ReadonlySet<string>) => string,
  offset: number,
): Graph {
  const used = new Set(taken);
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = idFor(node, used);
    used.add(id);
    renamed.set(node.id, id);
  }
  return {
    nodes: clip.nodes.map(
      (n) =>
        ({
          ...n,
          id: renamed.get(n.id),
          position: { x: n.position.x + offset, y: n.position.y + offset },
          measured: undefined,
        }) as JourneyFlowNode,
    ),
    edges: clip.edges
      .filter((e) => renamed.has(e.source) && renamed.has(e.target))
      .map((e) => flowEdge(renamed.get(e.source) as string, e.sourceHandle, renamed.get(e.target) as string)),
  };
}

/** Drops edges that lost an end or whose output no longer exists (a removed condition or arm). */
export function withoutDanglingEdges(
  nodes: readonly JourneyFlowNode[],
  edges: readonly JourneyFlowEdge[],
): JourneyFlowEdge[] {
  const outputs = new Map(nodes.map((n) => [n.id, new Set(outputsOfNode(n))]));
  return edges.filter((e) => outputs.get(e.source)?.has(e.sourceHandle) && outputs.has(e.target));
}
