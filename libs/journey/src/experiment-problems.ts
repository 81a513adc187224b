/**
 * Publish-time checks of a split's experiment settings: the holdout names one of the split's arms
 * other than the first (the control, which every variant is compared with), and nothing reachable
 * from it sends a message (else it measures a journey, not its absence).
 */
import type { JourneyDefinition, JourneyNode } from './definition.schema';
import type { JourneyProblem } from './journey-problem';

const SENDS: ReadonlySet<JourneyNode['type']> = new Set(['send.email', 'send.sms', 'send.whatsapp']);

export function experimentProblems(definition: JourneyDefinition): JourneyProblem[] {
  return definition.nodes.flatMap((node) => {
    if (node.type !== 'branch.split' || !node.data.experiment?.holdoutArmId) return [];
    const holdout = node.data.experiment.holdoutArmId;
    if (node.data.arms[0]?.id === holdout) {
      return [
        {
          nodeId: node.id,
          code: 'invalid_setting' as const,
          message: `The holdout "${holdout}" is the first arm, which is the control: make another arm the holdout`,
        },
      ];
    }
    if (!node.data.arms.some((arm) => arm.id === holdout)) {
      return [
        {
          nodeId: node.id,
          code: 'invalid_setting' as const,
          message: `The holdout "${holdout}" is not one of this split's arms`,
        },
      ];
    }
    const send = reachableFrom(definition, node.id, holdout).find((n) => SENDS.has(n.type));
    return send
      ? [
          {
            nodeId: node.id,
            code: 'invalid_setting' as const,
            message: `The holdout arm "${holdout}" leads to "${send.id}" (${send.type}): a holdout must send nothing`,
          },
        ]
      : [];
  });
}

/** Every node reachable through the split's one output (loops included). */
function reachableFrom(definition: JourneyDefinition, nodeId: string, handle: string): JourneyNode[] {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const start = definition.edges.filter((e) => e.source === nodeId && e.sourceHandle === handle);
  const queue = start.map((e) => e.target);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of definition.edges) if (edge.source === id) queue.push(edge.target);
  }
  return [...seen].flatMap((id) => byId.get(id) ?? []);
}
