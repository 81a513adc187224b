// The dashboard in the query cache, one entry per period; nothing the editor does changes it, so
// it is only read again when it goes stale (the figures move with orders and deliveries).
import { queryOptions } from '@tanstack/react-query';
import { queryKeys } from '../server-state/query-keys';
import { getDashboard } from './dashboard-api';

/** The periods offered, in days. */
export const DASHBOARD_PERIODS = [7, 30, 90, 365] as const;

export const dashboardQueries = {
  get: (days: number) =>
    queryOptions({
      queryKey: queryKeys.dashboard(days),
      queryFn: ({ signal }) => getDashboard(days, signal),
      staleTime: 60_000,
    }),
};
