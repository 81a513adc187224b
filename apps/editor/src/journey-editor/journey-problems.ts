/**
 * Validation problems as the canvas shows them: pinned to their node or to the journey as a whole,
 * in words a marketer reads (no "nodes.3.data." paths), and kept current after a failed publish.
 *
 * After a publish attempt the list stays live: the shared validator re-checks the graph as the
 * marketer fixes it, while problems only the server can judge (templates, engine support) stay
 * until the node they concern is changed, and are settled at the next publish.
 */
import type { JourneyProblem } from '@waypoint/journey';

/** Problems the browser cannot re-check: they need the API's template catalogue or engine. */
const SERVER_ONLY = new Set<JourneyProblem['code']>([
  'template_missing',
  'template_invalid',
  'template_needs_data',
  'unsupported_node',
]);

export function groupByNode(problems: readonly JourneyProblem[]): Map<string, JourneyProblem[]> {
  const byNode = new Map<string, JourneyProblem[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const list = byNode.get(problem.nodeId);
    if (list) list.push(problem);
    else byNode.set(problem.nodeId, [problem]);
  }
  return byNode;
}

const FIELD_WORDS: Record<string, string> = {
  template: 'Template',
  event: 'Event',
  duration: 'Duration',
  timeout: 'Timeout',
  url: 'URL',
  arms: 'Split arms',
  conditions: 'Conditions',
  attribute: 'Date attribute',
  timeOfDay: 'Time of day',
  offset: 'Offset',
};

/** "nodes.2.data.template: String must contain at least 1 character(s)" → "Template: must be filled in". */
export function readableProblem(problem: JourneyProblem): string {
  if (problem.code !== 'invalid_shape') return problem.message;
  const match = /^nodes\.\d+\.data(?:\.([A-Za-z]+))?(?:\.[\w.]+)?: (.*)$/.exec(problem.message);
  if (!match) return problem.message.replace(/^settings\./, 'Settings: ');
  const [, field, detail] = match;
  const words = /at least 1 character/.test(detail) ? 'must be filled in' : detail.replace(/^String /, '');
  if (!field) return words.charAt(0).toUpperCase() + words.slice(1);
  return `${FIELD_WORDS[field] ?? field}: ${words}`;
}

/** A snapshot of what the server judged: its problems and each node's data at that moment. */
export interface PublishVerdict {
  problems: JourneyProblem[];
  dataAtPublish: ReadonlyMap<string, string>;
}

export function verdictOf(
  problems: JourneyProblem[],
  nodes: ReadonlyArray<{ id: string; data: unknown }>,
): PublishVerdict {
  return { problems, dataAtPublish: new Map(nodes.map((n) => [n.id, JSON.stringify(n.data)])) };
}

/**
 * The problems to show now: the browser's own re-check of the current graph, plus the server-only
 * problems whose node still holds the data the server judged.
 */
export function standingProblems(
  verdict: PublishVerdict,
  localProblems: readonly JourneyProblem[],
  nodes: ReadonlyArray<{ id: string; data: unknown }>,
): JourneyProblem[] {
  const current = new Map(nodes.map((n) => [n.id, JSON.stringify(n.data)]));
  const serverOnly = verdict.problems.filter(
    (p) =>
      SERVER_ONLY.has(p.code) &&
      p.nodeId !== null &&
      current.has(p.nodeId) &&
      current.get(p.nodeId) === verdict.dataAtPublish.get(p.nodeId),
  );
  return [...localProblems, ...serverOnly];
}
