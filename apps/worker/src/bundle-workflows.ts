/**
 * Bundles the workflow code ahead of time (`npm run bundle -w @waypoint/worker`), so the worker
 * starts without webpack and production runs exactly the code that was built and tested.
 *
 * The worker runs every workflow in one reused V8 context, but each run gets a module cache of its
 * own: every module the bundle did not load at start-up is evaluated again for each run it starts
 * or replays. `PRELOADED_MODULES` are loaded once, shared by every run and frozen (Temporal's
 * `preloadModules`): only pure modules, with no state of a run, belong there.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOW_BUNDLE_PATH = join(__dirname, 'workflow-bundle.js');

/**
 * The journey model the walker executes (graph, durations, conditions on events, vocabulary):
 * functions and constants only, never written to, so one copy serves every run.
 */
export const PRELOADED_MODULES = ['@waypoint/journey/engine'];

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('@waypoint/workflows'),
    preloadModules: PRELOADED_MODULES,
    logger: { info() {}, warn: console.warn, error: console.error, debug() {}, trace() {}, log() {} },
  });
  await writeFile(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
