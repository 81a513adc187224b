/**
 * Where the stack lives on disk: the repository root, the data folder (databases and Temporal
 * history that must survive a restart) and the tools folder (binaries fetched on first use).
 * Both folders are gitignored, so a fresh clone starts without them.
 */
import * as path from 'node:path';

/** Resolved from this file so it works from `dist/` (the commands) and `src/` (tests) alike. */
export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..', '..');
}

export function dataDir(): string {
  return path.resolve(process.env.WAYPOINT_DATA_DIR || path.join(repoRoot(), '.data'));
}

export function toolsDir(): string {
  return path.resolve(process.env.WAYPOINT_TOOLS_DIR || path.join(repoRoot(), '.tools'));
}
