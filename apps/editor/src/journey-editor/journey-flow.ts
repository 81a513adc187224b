/**
 * The stored journey (docs/product.md, Journeys: nodes, edges, settings) ⇄ React Flow's nodes and edges. Pure and
 * lossless for everything the journey stores: node data stays exactly the stored data (so it is
 * serialisable and is what the draft PUT sends), and edges carry only source, output and target.
 */
import type { Edge, Node } from '@xyflow/react';
import type { JourneyDefinitionInput, JourneyNodeType } from '@waypoint/journey';

export type StoredJourneyNode = JourneyDefinitionInput['nodes'][number];
export type StoredJourneyEdge = JourneyDefinitionInput['edges'][number];
export type JourneySettingsInput = NonNullable<JourneyDefinitionInput['settings']>;

/** The data one node type stores, as a draft may hold it (defaults not yet applied). */
export type NodeDataOf<T extends JourneyNodeType> = NonNullable<
  Extract<StoredJourneyNode, { type: T }>['data']
>;

/** A React Flow node per journey node type: `type` is the journey type, `data` its stored data. */
export type JourneyFlowNode = { [T in JourneyNodeType]: Node<NodeDataOf<T>, T> }[JourneyNodeType];
export type JourneyFlowEdge = Edge<Record<string, never>, 'journey'> & { sourceHandle: string };

/** Every edge is drawn by the one custom edge (with its `+` to insert a step). */
export const EDGE_TYPE = 'journey';

export interface JourneyFlow {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
  settings: JourneySettingsInput;
}

/**
 * An output is connected at most once, so source and output name an edge; the id is derived from
 * them (stable across reloads), with a suffix only for the duplicates an invalid draft may hold.
 */
export function edgeIdFor(source: string, sourceHandle: string, taken?: Set<string>): string {
  const base = `${source}:${sourceHandle}`;
  if (!taken) return base;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  taken.add(id);
  return id;
}

export function flowEdge(source: string, sourceHandle: string, target: string, id?: string): JourneyFlowEdge {
  return { id: id ?? edgeIdFor(source, sourceHandle), type: EDGE_TYPE, source, sourceHandle, target };
}

export function toFlow(definition: JourneyDefinitionInput | undefined | null): JourneyFlow {
  const nodes = (definition?.nodes ?? []).map(
    (node) =>
      ({
        id: node.id,
        type: node.type,
        position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
        data: node.data ?? {},
      }) as JourneyFlowNode,
  );
  const taken = new Set<string>();
  const edges = (definition?.edges ?? []).map((edge) => {
    const handle = edge.sourceHandle ?? 'next';
    return flowEdge(edge.source, handle, edge.target, edgeIdFor(edge.source, handle, taken));
  });
  return { nodes, edges, settings: definition?.settings ?? {} };
}

/** The definition to store: what React Flow adds (selection, measured size, edge ids) is dropped. */
export function fromFlow(
  nodes: readonly JourneyFlowNode[],
  edges: readonly JourneyFlowEdge[],
  settings: JourneySettingsInput,
): JourneyDefinitionInput {
  return {
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          data: node.data,
          position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
        }) as StoredJourneyNode,
    ),
    edges: edges.map((edge) => ({
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
    })),
    settings,
  };
}

/** True when the stored positions carry no layout (all nodes at one point), e.g. a journey made by the API. */
export function needsLayout(nodes: readonly JourneyFlowNode[]): boolean {
  if (nodes.length < 2) return false;
  const [first] = nodes;
  return nodes.every((n) => n.position.x === first.position.x && n.position.y === first.position.y);
}
