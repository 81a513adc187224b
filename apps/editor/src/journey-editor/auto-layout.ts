/**
 * Auto-layout: the journey top to bottom, trigger first, with dagre. Pure: sizes in, top-left
 * positions out (React Flow positions are the top-left corner, dagre's are centres). Edges are
 * given to dagre in output order so a branch's arms tend to sit left to right as its handles do.
 *
 * A step that ends paths (no outputs) and is reached from several places, the shared exit of
 * most journeys, is laid out as one copy per incoming connection and drawn at the lowest copy.
 * Otherwise every early branch draws a long edge down to the exit, and dagre fills each rank it
 * crosses with a dummy node: quadratic, seconds for a few hundred steps.
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
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ordered = edges
    .filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target)
    .map((edge, index) => ({ edge, index }))
    .sort((a, b) => (a.edge.order ?? 0) - (b.edge.order ?? 0) || a.index - b.index)
    .map(({ edge }) => edge);

  const hasOutputs = new Set(ordered.map((e) => e.source));
  const incoming = new Map<string, number>();
  for (const edge of ordered) incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  const split = (id: string) => !hasOutputs.has(id) && (incoming.get(id) ?? 0) > 1;
  /** The dagre nodes standing for each step: itself, or one copy per incoming edge. */
  const copies = new Map<string, string[]>();

  for (const node of nodes) {
    if (!split(node.id)) {
      graph.setNode(node.id, { width: node.width, height: node.height });
      copies.set(node.id, [node.id]);
    } else copies.set(node.id, []);
  }
  ordered.forEach((edge, index) => {
    let target = edge.target;
    if (split(target)) {
      const { width, height } = byId.get(target) as LayoutNode;
      target = `${target}\u0000${index}`;
      graph.setNode(target, { width, height });
      copies.get(edge.target)?.push(target);
    }
    graph.setEdge(edge.source, target, {}, `e${index}`);
  });
  dagre.layout(graph);

  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = (copies.get(node.id) ?? []).map((id) => graph.node(id));
    const lowest = Math.max(...placed.map((p) => p.y));
    const row = placed.filter((p) => p.y === lowest).sort((a, b) => a.x - b.x);
    const at = row[Math.floor((row.length - 1) / 2)];
    positions.set(node.id, {
      x: Math.round(at.x - node.width / 2),
      y: Math.round(at.y - node.height / 2),
    });
  }
  return positions;
}
