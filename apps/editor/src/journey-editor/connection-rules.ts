/**
 * Which connections the canvas accepts while the marketer drags one: never into a trigger, never
 * from a step to itself, and each output leads to exactly one step. The same rules the publish
 * validator enforces, applied before the mistake is drawn, with a reason the canvas can say.
 */
import { TRIGGER_TYPES, type JourneyNodeType } from '@waypoint/journey';
import { outputsOfNode, type TypedNode } from './node-summary';

export interface ProposedConnection {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

interface NodeLike extends TypedNode {
  id: string;
}

interface EdgeLike {
  id?: string;
  source: string;
  sourceHandle?: string | null;
  target: string;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

export function isTriggerType(type: string): boolean {
  return TRIGGER_TYPES.includes(type as JourneyNodeType);
}

/**
 * @param ignoreEdgeId an edge being replaced (e.g. re-pointing an output from the inspector): it
 *   does not count as already using its output.
 */
export function checkConnection(
  connection: ProposedConnection,
  nodes: readonly NodeLike[],
  edges: readonly EdgeLike[],
  ignoreEdgeId?: string,
): ConnectionVerdict {
  const { source, target } = connection;
  const handle = connection.sourceHandle ?? 'next';
  if (!source || !target) return { ok: false, reason: 'Connect an output to a step.' };
  if (source === target) return { ok: false, reason: 'A step cannot lead to itself.' };
  const from = nodes.find((n) => n.id === source);
  const to = nodes.find((n) => n.id === target);
  if (!from || !to) return { ok: false, reason: 'That step no longer exists.' };
  if (isTriggerType(to.type)) return { ok: false, reason: 'Nothing may lead into the trigger.' };
  if (!outputsOfNode(from).includes(handle)) {
    return { ok: false, reason: `This step has no output "${handle}".` };
  }
  const taken = edges.some(
    (e) => e.id !== ignoreEdgeId && e.source === source && (e.sourceHandle ?? 'next') === handle,
  );
  if (taken) {
    return {
      ok: false,
      reason: 'That output already leads somewhere: remove its connection first (each output has one).',
    };
  }
  return { ok: true };
}

/** The outputs of a node that lead nowhere yet, in order. */
export function freeOutputs(node: NodeLike, edges: readonly EdgeLike[]): string[] {
  return outputsOfNode(node).filter(
    (handle) => !edges.some((e) => e.source === node.id && (e.sourceHandle ?? 'next') === handle),
  );
}
