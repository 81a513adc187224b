/**
 * The A/B arm of a run at a split node: a hash of run, node and visit, so the same run always
 * lands in the same arm (a retry or a replay never changes it), and runs spread evenly.
 */
export function splitBucket(runId: string, nodeId: string, visit: number): number {
  // FNV-1a, 32 bit: deterministic and dependency-free inside the workflow sandbox.
  let hash = 0x811c9dc5;
  const text = `${runId}:${nodeId}:${visit}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 10_000) / 100;
}

/** The arm whose cumulative percentage range contains the bucket. */
export function pickArm<T extends { id: string; percent: number }>(arms: T[], bucket: number): T {
  let upper = 0;
  for (const arm of arms) {
    upper += arm.percent;
    if (bucket < upper) return arm;
  }
  return arms[arms.length - 1];
}

/** The split step's reason, as the run records it and the preview shows it. */
export function splitReason(
  arm: { name: string },
  bucket: number,
  arms: Array<{ name: string; percent: number }>,
): string {
  const shares = arms.map((a) => `${a.name} ${a.percent}%`).join(', ');
  return `split: took '${arm.name}' (bucket ${bucket.toFixed(2)}; ${shares})`;
}
