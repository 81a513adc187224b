// Which way a run went through its journey, from its steps: how often each step was visited, the
// last outcome there, which connections it followed, and where it is now. Drawn on the run page.

export interface PathStep {
  nodeId: string;
  branch: string | null;
  outcome: string;
}

export interface PathEdge {
  source: string;
  sourceHandle: string;
  target: string;
}

export interface RunPath {
  visits: Map<string, number>;
  lastOutcome: Map<string, string>;
  /** Keys of followed connections: `source:handle->target` (see edgeKey). */
  followed: Set<string>;
  current: string | null;
}

export function edgeKey(edge: PathEdge): string {
  return `${edge.source}:${edge.sourceHandle}->${edge.target}`;
}

/**
 * Steps in the order they were entered. A step's output is its branch (conditions, splits,
 * wait.event) or `next`; when no connection has that output (an older version's branch ids),
 * any connection between the two steps counts.
 */
export function runPath(
  steps: readonly PathStep[],
  edges: readonly PathEdge[],
  currentNodeId: string | null,
): RunPath {
  const visits = new Map<string, number>();
  const lastOutcome = new Map<string, string>();
  const followed = new Set<string>();
  steps.forEach((step, index) => {
    visits.set(step.nodeId, (visits.get(step.nodeId) ?? 0) + 1);
    lastOutcome.set(step.nodeId, step.outcome);
    const after = steps[index + 1];
    if (!after) return;
    const between = edges.filter((e) => e.source === step.nodeId && e.target === after.nodeId);
    const handle = step.branch ?? 'next';
    const edge = between.find((e) => e.sourceHandle === handle) ?? between[0];
    if (edge) followed.add(edgeKey(edge));
  });
  return { visits, lastOutcome, followed, current: currentNodeId };
}
