/**
 * The publish impact in words (docs/product.md, "Publishing"): a step by its type's label and id,
 * the runs staying on their versions as one sentence.
 */
import type { PublishImpact } from '../api-types';
import { kindOf } from './node-registry';

/** `Wait “pause2”`: the label the canvas shows on the step, and its id. */
export function stepLabel(node: { id: string; type: string }): string {
  return `${kindOf(node.type)?.label ?? node.type} “${node.id}”`;
}

/** "3 runs in progress on v1, v2 stay on their version." or null when none is running. */
export function runsSentence(runs: PublishImpact['runsInProgress']): string | null {
  const total = runs.reduce((sum, r) => sum + r.runs, 0);
  if (total === 0) return null;
  const versions = runs.map((r) => `v${r.version}`).join(', ');
  const each = runs.length > 1 ? ` (${runs.map((r) => `${r.runs} on v${r.version}`).join(', ')})` : '';
  return `${total} ${total === 1 ? 'run' : 'runs'} in progress on ${versions}${each} ${total === 1 ? 'stays' : 'stay'} on ${runs.length === 1 && total === 1 ? 'its' : 'their'} version.`;
}

/** True when the draft changes nothing against the live version. */
export function changesNothing(impact: PublishImpact): boolean {
  const { added, removed, changed } = impact.nodes;
  return (
    added.length + removed.length + changed.length + impact.edges.added + impact.edges.removed === 0 &&
    impact.settingsChanged.length === 0
  );
}
