/**
 * A store history import (docs/architecture.md, "History imports"): customers, then orders, then
 * the set-based recompute. Each step is one long activity that keeps its place in PostgreSQL
 * (the bulk operation's id and the lines stored, written with the rows), so a worker killed
 * mid-file is noticed by the missed heartbeat and the step is retried from where it stopped;
 * the workflow only orders the steps. A refusal that cannot pass (a token the store refuses, a
 * failed bulk operation) fails the activity for good, and the run says why.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { StoreImportActivities } from './store-import-activities';

const activities = proxyActivities<StoreImportActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['StoreImportFailed'],
  },
});

export function storeImportWorkflowId(runId: string): string {
  return `store-import-${runId}`;
}

export async function storeImport(input: { runId: string }): Promise<{ customers: number }> {
  await activities.importStoreObjects({ runId: input.runId, kind: 'customers' });
  await activities.importStoreObjects({ runId: input.runId, kind: 'orders' });
  return activities.recomputeImportedHistory({ runId: input.runId });
}
