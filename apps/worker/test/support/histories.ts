/**
 * Recorded workflow histories: every time-skipping test hands its run's history here. At the end
 * of the file they are all replayed against the current bundle (a non-deterministic change to the
 * workflow fails there), and with RECORD_HISTORIES=1 each is also written to
 * workflows/test/histories/<name>.json, which replay.test.ts replays in CI without any server.
 *
 * The files use the JSON form other Temporal tools write and read (`temporal workflow show
 * --output json`, the UI's download): `historyToJSON` writes it, `historyFromJSON` reads it. The
 * file name is the workflow id given to the replayer.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

export const HISTORIES_DIR = join(__dirname, '../../../../workflows/test/histories');
const REPO_ROOT = join(__dirname, '../../../..');

export function recordingHistories(): boolean {
  return process.env.RECORD_HISTORIES === '1';
}

export interface NamedHistory {
  workflowId: string;
  history: History;
}

/** Collects this file's histories; writes them only when RECORD_HISTORIES=1. */
export class HistoryRecorder {
  private readonly histories: NamedHistory[] = [];
  private readonly names = new Set<string>();

  /** `name` is `<journey>-<case>`, unique across the project (it becomes the file name). */
  async keep(name: string, handle: WorkflowHandle): Promise<void> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`history name "${name}" is not kebab-case`);
    if (this.names.has(name)) throw new Error(`history "${name}" was kept twice`);
    this.names.add(name);
    const history = await handle.fetchHistory();
    this.histories.push({ workflowId: name, history });
    if (recordingHistories()) {
      mkdirSync(HISTORIES_DIR, { recursive: true });
      const file = join(HISTORIES_DIR, `${name}.json`);
      writeFileSync(file, `${historyToJSON(history)}\n`);
      // The repository's lint runs `prettier --check .`: write the file as prettier would.
      execFileSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--write', file],
        {
          cwd: REPO_ROOT,
          stdio: 'ignore',
        },
      );
    }
  }

  get kept(): readonly NamedHistory[] {
    return this.histories;
  }
}

/** Every recorded history file, loaded back into History objects. */
export function loadRecordedHistories(dir: string = HISTORIES_DIR): NamedHistory[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    }));
}

/**
 * Replays histories with one replay worker on the given bundle and returns one line per failure
 * (empty when all replayed cleanly), plus how many were replayed.
 */
export async function replayAll(
  bundle: string,
  histories: Iterable<NamedHistory>,
): Promise<{ replayed: number; failures: string[] }> {
  let replayed = 0;
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundle } }, histories)) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
  }
  return { replayed, failures };
}
