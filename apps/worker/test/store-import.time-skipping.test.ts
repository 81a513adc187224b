/**
 * The store import workflow's shape under time skipping, its activities stood in for (what they do
 * is tested end to end in apps/api/test/store-import.e2e.test.ts): customers, then orders, then
 * the recompute, each step retried until it passes; a refusal that cannot pass
 * (`StoreImportFailed`) ends the workflow without another attempt. Its histories are recorded
 * (RECORD_HISTORIES=1) for replay.test.ts, so a change to the workflow that running imports could
 * not replay fails there.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { storeImport, storeImportWorkflowId, type StoreImportActivities } from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories, WORKFLOW_BUNDLE } from './support/histories';

jest.setTimeout(90_000);
Runtime.install({ logger: new DefaultLogger('WARN') });

describe('storeImport workflow', () => {
  let env: TestWorkflowEnvironment;
  const histories = new HistoryRecorder();

  beforeAll(async () => {
    const path = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`');
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(activities: StoreImportActivities, name: string) {
    const taskQueue = `store-import-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: WORKFLOW_BUNDLE },
      activities,
    });
    const runId = randomUUID();
    const handle = await env.client.workflow.start(storeImport, {
      workflowId: storeImportWorkflowId(runId),
      taskQueue,
      args: [{ runId }],
    });
    const outcome = await worker.runUntil(
      handle.result().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    await histories.keep(name, handle);
    return { runId, outcome };
  }

  it('imports customers, then orders, then recomputes, retrying a step that failed', async () => {
    const calls: string[] = [];
    let ordersAttempts = 0;
    const { runId, outcome } = await run(
      {
        importStoreObjects: async ({ kind }) => {
          calls.push(kind);
          if (kind === 'orders' && ++ordersAttempts === 1) throw new Error('the store did not answer');
          return { linesRead: 10, rowsStored: 12, malformedLines: 0 };
        },
        recomputeImportedHistory: async () => {
          calls.push('recompute');
          return { customers: 7 };
        },
      },
      'store-import-completed',
    );
    expect(outcome).toEqual({ value: { customers: 7 } });
    expect(calls).toEqual(['customers', 'orders', 'orders', 'recompute']);
    expect(runId).toBeTruthy();
  });

  it('ends for good on a refusal that cannot pass', async () => {
    const calls: string[] = [];
    const { outcome } = await run(
      {
        importStoreObjects: async ({ kind }) => {
          calls.push(kind);
          throw ApplicationFailure.nonRetryable(
            'Shopify store test refused the Admin API token',
            'StoreImportFailed',
          );
        },
        recomputeImportedHistory: async () => {
          calls.push('recompute');
          return { customers: 0 };
        },
      },
      'store-import-refused',
    );
    expect((outcome as { error: unknown }).error).toBeInstanceOf(WorkflowFailedError);
    expect(calls).toEqual(['customers']);
  });

  replaysKeptHistories(histories, 2);
});
