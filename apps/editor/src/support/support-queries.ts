/**
 * Support's reads and actions in the query cache: customer search, a customer's page, a run and
 * its audit trail, and cancelling a run or ending its wait (each refreshes the run, its audit
 * trail and its customer's page). A run's journey version comes from the journey's versions
 * (journey-queries.ts), shared with the canvas.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunDetail } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import { cancelRun, continueRun, getCustomerPage, getRun, getRunAudit, searchCustomers } from './support-api';

/** How often an open run page and a customer page refresh (a run moves on by itself). */
export const RUN_REFRESH_MS = 3_000;
export const CUSTOMER_REFRESH_MS = 10_000;

export const supportQueries = {
  customerSearch: (q: string) =>
    queryOptions({
      queryKey: queryKeys.customerSearch(q),
      queryFn: ({ signal }) => searchCustomers(q, signal),
    }),
  customer: (id: string) =>
    queryOptions({
      queryKey: queryKeys.customer(id),
      queryFn: ({ signal }) => getCustomerPage(id, signal),
    }),
  run: (id: string) =>
    queryOptions({ queryKey: queryKeys.run(id), queryFn: ({ signal }) => getRun(id, signal) }),
  runAudit: (id: string) =>
    queryOptions({ queryKey: queryKeys.runAudit(id), queryFn: ({ signal }) => getRunAudit(id, signal) }),
};

export type RunAction = 'cancel' | 'continue';

export function useRunAction(run: Pick<RunDetail, 'id' | 'customerId'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: RunAction; reason: string }) =>
      (action === 'cancel' ? cancelRun : continueRun)(run.id, { reason }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.run(run.id) }),
        client.invalidateQueries({ queryKey: queryKeys.runAudit(run.id) }),
        client.invalidateQueries({ queryKey: queryKeys.customer(run.customerId) }),
        client.invalidateQueries({ queryKey: queryKeys.auditLog }),
      ]),
  });
}
