/**
 * Replays every recorded journey-run history (workflows/test/histories/*.json, recorded by the
 * time-skipping tests with RECORD_HISTORIES=1, and those of earlier workflow versions kept in its
 * subfolders, e.g. before-local-ledger/; `journeyRunV3`, `journeyRunV2` and `journeyRun` runs) against the
 * current workflow bundle. A change to the workflow code that running executions could not replay
 * (a reordered activity, a new timer, a different branch for the same inputs) fails here. Needs no
 * server and no database: the activities' results are in the histories.
 *
 * Needs the bundle: `npx tsc -b tsconfig.build.json && npm run bundle -w @waypoint/worker`.
 */
import { existsSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { HISTORIES_DIR, loadRecordedHistories, replayAll, WORKFLOW_BUNDLE } from './support/histories';

Runtime.install({ logger: new DefaultLogger('WARN') });
jest.setTimeout(60_000);

describe('recorded journey-run histories', () => {
  it('every one replays against the current workflow bundle', async () => {
    if (!existsSync(WORKFLOW_BUNDLE))
      throw new Error(`${WORKFLOW_BUNDLE} is missing: run \`npm run bundle -w @waypoint/worker\` first`);
    const histories = loadRecordedHistories(HISTORIES_DIR);
    expect(histories.length).toBeGreaterThanOrEqual(10);
    // Every journey-run type stays covered while runs of it may be open (docs/architecture.md,
    // "Workflow changes and retiring a patch").
    const typeOf = (h: (typeof histories)[number]) =>
      h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    expect(histories.filter((h) => typeOf(h) === 'journeyRun').length).toBeGreaterThanOrEqual(10);
    expect(histories.filter((h) => typeOf(h) === 'journeyRunV2').length).toBeGreaterThanOrEqual(10);
    expect(histories.filter((h) => typeOf(h) === 'journeyRunV3').length).toBeGreaterThanOrEqual(10);

    const { replayed, failures } = await replayAll(WORKFLOW_BUNDLE, histories);
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
