/**
 * A/B splits: arms with percentages that must add up to 100 (a holdout is just an arm that leads
 * to the exit). The check the inspector shows as you type, matching the publish validator's.
 */
import type { NodeDataOf } from './journey-flow';

export type SplitArm = NodeDataOf<'branch.split'>['arms'][number];

export function splitTotal(arms: readonly SplitArm[]): number {
  // Sum in hundredths so 33.3 + 33.3 + 33.4 is exactly 100.
  return (
    Math.round(arms.reduce((sum, arm) => sum + (Number.isFinite(arm.percent) ? arm.percent : 0), 0) * 100) /
    100
  );
}

/** Why the split cannot be published as it stands, or null when it can. */
export function splitProblem(arms: readonly SplitArm[]): string | null {
  if (arms.length < 2) return 'A split needs at least two arms.';
  if (arms.some((arm) => !Number.isFinite(arm.percent) || arm.percent < 0)) {
    return 'Each percentage must be 0 or more.';
  }
  const total = splitTotal(arms);
  if (total !== 100) return `The percentages add up to ${total} %; they must add up to 100 %.`;
  return null;
}

/** Whole percentages as even as possible, the remainder going to the first arms. */
export function evenSplit(arms: readonly SplitArm[]): SplitArm[] {
  const base = Math.floor(100 / arms.length);
  const remainder = 100 - base * arms.length;
  return arms.map((arm, index) => ({ ...arm, percent: base + (index < remainder ? 1 : 0) }));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A new arm with an id no other arm uses ("c", then "d" …), taking its share from an even split. */
export function addArm(arms: readonly SplitArm[]): SplitArm[] {
  const taken = new Set(arms.map((arm) => arm.id));
  let id = [...LETTERS].find((letter) => !taken.has(letter));
  for (let n = arms.length + 1; id === undefined; n++) if (!taken.has(`arm-${n}`)) id = `arm-${n}`;
  return evenSplit([...arms, { id, name: `Variant ${id.toUpperCase()}`, percent: 0 }]);
}
