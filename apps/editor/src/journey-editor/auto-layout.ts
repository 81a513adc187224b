/**
 * Auto-layout: the journey top to bottom, trigger first, with dagre. Pure: sizes in, top-left
 * positions out (React Flow positions are the top-left corner, dagre's are centres). Edges are
 * given to dagre in output order so a branch's arms tend to sit left to right as its handles do.
 */
import * as dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  /** Index of the output on its source node, for ordering. */
  order?: number;
}

export interface LayoutOptions {
  /** Horizontal gap between nodes of one rank. */
  nodeGap?: number;
  /** Vertical gap between ranks. */
  rankGap?: number;
}

export function layoutJourney(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  { nodeGap = 48, rankGap = 64 }: LayoutOptions = {},
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: nodeGap, ranksep: rankGap, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  const ordered = edges
    .map((edge, index) => ({ edge, index }))
    .sort((a, b) => (a.edge.order ?? 0) - (b.edge.order ?? 0) || a.index - b.index);
  ordered.forEach(({ edge }, index) => {
    if (ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target) {
      graph.setEdge(edge.source, edge.target, {}, `e${index}`);
    }
  });
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, {
      x: Math.round(placed.x - node.width / 2),
      y: Math.round(placed.y - node.height / 2),
    });
  }
  return positions;
}
