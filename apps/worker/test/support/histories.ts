/**
 * Recorded workflow histories: every time-skipping test hands its run's history here. At the end
 * of the file they are all replayed against the current bundle (a non-deterministic change to the
 * workflow fails there), and with RECORD_HISTORIES=1 each is also written to
 * workflows/test/histories/<name>.json, which replay.test.ts replays in CI without any server.
 *
 * A file holds `{ workflowId, history }`, the shape `Worker.runReplayHistories` takes, with the
 * history in protobufjs's JSON form (`History.toObject` with longs, enums and bytes as strings)
 * and read back with `History.fromObject`. Not `historyToJSON`/`historyFromJSON` from
 * `@temporalio/common/lib/proto-utils`: with this install's nested copies of protobufjs they
 * throw "type must be a Type" (and `runReplayHistory` calls `historyFromJSON` on any history
 * whose event ids are strings, so a parsed JSON history must not be handed to it as it is).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

export const HISTORIES_DIR = join(__dirname, '../../../../workflows/test/histories');
/** The workflow bundle `npm run bundle -w @waypoint/worker` writes; workers and replays load it. */
export const WORKFLOW_BUNDLE = join(__dirname, '../../dist/workflow-bundle.js');
const REPO_ROOT = join(__dirname, '../../../..');
const History = temporal.api.history.v1.History;

export function recordingHistories(): boolean {
  return process.env.RECORD_HISTORIES === '1';
}

export interface NamedHistory {
  workflowId: string;
  history: temporal.api.history.v1.IHistory;
}

/** The file's text: stable JSON, formatted as the repository's prettier would. */
export function historyFileText(workflowId: string, history: temporal.api.history.v1.IHistory): string {
  const json = History.toObject(History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
    json: true,
  });
  return `${JSON.stringify({ workflowId, history: json }, null, 2)}\n`;
}

export function readHistoryFile(file: string): NamedHistory {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { workflowId?: unknown; history?: unknown };
  if (typeof parsed.workflowId !== 'string' || typeof parsed.history !== 'object' || !parsed.history)
    throw new Error(`${file} is not a recorded history ({ workflowId, history })`);
  return {
    workflowId: parsed.workflowId,
    history: History.fromObject(parsed.history as Record<string, unknown>),
  };
}

/** Collects this file's histories; writes them only when RECORD_HISTORIES=1. */
export class HistoryRecorder {
  private readonly histories: NamedHistory[] = [];

  /** `name` is `<journey>-<case>`, unique across the project (it becomes the file name). */
  async keep(name: string, handle: WorkflowHandle): Promise<void> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`history name "${name}" is not kebab-case`);
    if (this.histories.some((h) => h.workflowId === name))
      throw new Error(`history "${name}" was kept twice`);
    const history = await handle.fetchHistory();
    this.histories.push({ workflowId: name, history });
    if (recordingHistories()) {
      mkdirSync(HISTORIES_DIR, { recursive: true });
      const file = join(HISTORIES_DIR, `${name}.json`);
      writeFileSync(file, historyFileText(name, history));
      // The repository's lint runs `prettier --check .`: leave the file as prettier would.
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

/**
 * Every recorded history file in the folder, in name order, and those in its subfolders: histories
 * recorded by an earlier version of the workflow are moved into one (`before-<patch>/`) when the
 * tests record again, so runs that started on that version stay covered. A subfolder's histories
 * are named `<subfolder>/<name>`.
 */
export function loadRecordedHistories(dir: string = HISTORIES_DIR): NamedHistory[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => readHistoryFile(join(dir, entry.name)));
  const older = entries
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      loadRecordedHistories(join(dir, folder.name)).map((h) => ({
        ...h,
        workflowId: `${folder.name}/${h.workflowId}`,
      })),
    );
  return [...files, ...older];
}

/**
 * Replays histories with one replay worker on the given bundle; returns how many were replayed
 * and one line per failure (none when every history replayed cleanly).
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

/**
 * The last block of a time-skipping test file: every history its tests kept replays against the
 * current workflow bundle. `kept` is how many they keep: exactly that many, or `{ atLeast }` when
 * some paths keep one more.
 */
export function replaysKeptHistories(histories: HistoryRecorder, kept: number | { atLeast: number }): void {
  describe('replay', () => {
    it("replays every run's history in this file against the current workflow bundle", async () => {
      if (typeof kept === 'number') expect(histories.kept.length).toBe(kept);
      else expect(histories.kept.length).toBeGreaterThanOrEqual(kept.atLeast);
      const { replayed, failures } = await replayAll(WORKFLOW_BUNDLE, histories.kept);
      expect(failures).toEqual([]);
      expect(replayed).toBe(histories.kept.length);
    });
  });
}
