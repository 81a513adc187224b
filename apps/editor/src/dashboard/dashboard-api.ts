// The dashboard's one call: the store's figures over the last `days` days.
import { getData } from '../api-client';
import type { Dashboard } from '../api-types';

export const getDashboard = (days: number, signal?: AbortSignal) =>
  getData<Dashboard>(`/v1/dashboard?${new URLSearchParams({ days: String(days) }).toString()}`, signal);
