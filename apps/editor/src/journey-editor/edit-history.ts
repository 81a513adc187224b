/**
 * Undo history entries: what the journey stores, without what React Flow adds for display
 * (selection, dragging), and how an entry comes back onto a canvas that has since been measured.
 * Pure; the document store keeps the stacks. Selection is the view's and survives undo untouched.
 */
import type { JourneyFlowEdge, JourneyFlowNode, JourneySettingsInput } from './journey-flow';

export interface Snapshot {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
  settings: JourneySettingsInput;
}

export const HISTORY_LIMIT = 100;

export function snapshotOf(state: Snapshot): Snapshot {
  return {
    nodes: state.nodes.map(({ selected: _s, dragging: _d, ...node }) => node as JourneyFlowNode),
    edges: state.edges.map(({ selected: _s, ...edge }) => edge as JourneyFlowEdge),
    settings: state.settings,
  };
}

/** The entry as it returns: known sizes are kept, so React Flow need not measure again. */
export function restoreSnapshot(snapshot: Snapshot, current: readonly JourneyFlowNode[]): Snapshot {
  const measured = new Map(current.map((n) => [n.id, n.measured]));
  return {
    nodes: snapshot.nodes.map((n) => ({
      ...n,
      measured: measured.get(n.id) ?? n.measured,
    })) as JourneyFlowNode[],
    edges: snapshot.edges,
    settings: snapshot.settings,
  };
}

export function pushSnapshot(stack: readonly Snapshot[], snapshot: Snapshot): Snapshot[] {
  return [...stack, snapshot].slice(-HISTORY_LIMIT);
}
