/**
 * A journey's experiments from its definition and the per-arm counts the database returns (pure,
 * so it is tested without one): every `branch.split` of the definition, judged by the journey
 * lib's `analyseExperiment` with the split's settings (defaults for a split that has none).
 */
import type { Experiment } from '@waypoint/contract';
import type { ArmCountRow } from '@waypoint/data';
import {
  analyseExperiment,
  branchSplitNodeSchema,
  experimentSettingsSchema,
  type NodeOfType,
} from '@waypoint/journey';

type SplitNode = NodeOfType<'branch.split'>;

/** The splits of a stored definition; a draft may be unfinished, so each node is read on its own. */
export function splitNodesOf(definition: unknown): SplitNode[] {
  const nodes = (definition as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((node) => {
    const parsed = branchSplitNodeSchema.safeParse(node);
    return parsed.success ? [parsed.data] : [];
  });
}

export function experimentOf(split: SplitNode, counts: ArmCountRow[]): Experiment {
  const settings = split.data.experiment ?? experimentSettingsSchema.parse({});
  const arms = split.data.arms.map((arm) => {
    const row = counts.find((c) => c.node_id === split.id && c.arm_id === arm.id);
    return {
      armId: arm.id,
      name: arm.name,
      percent: arm.percent,
      entered: row?.entered ?? 0,
      converted: row?.converted ?? 0,
      revenue: Number(row?.revenue ?? 0),
      revenueSquares: Number(row?.revenue_squares ?? 0),
    };
  });
  const { arms: judged, ...analysis } = analyseExperiment(arms, settings);
  return {
    nodeId: split.id,
    ...analysis,
    arms: judged.map(({ revenueSquares: _, ...arm }) => arm),
  };
}
