// A journey's results in the query cache, one entry per journey and range. The figures move as
// runs go on, so an open page reads them again every minute (the rollup's pace).
import { queryOptions } from '@tanstack/react-query';
import { getData } from '../api-client';
import type { JourneyResults } from '../api-types';
import { queryKeys } from '../server-state/query-keys';

export const RESULTS_REFRESH_MS = 60_000;

/** The results for `range`, or for the API's default (the last 30 days) without one. */
export const getJourneyResults = (id: string, range: ResultsRange | null, signal?: AbortSignal) =>
  getData<JourneyResults>(
    `/v1/journeys/${encodeURIComponent(id)}/results${range ? `?${new URLSearchParams({ ...range }).toString()}` : ''}`,
    signal,
  );

/** Both days `YYYY-MM-DD`, in the store's time zone, included. */
export interface ResultsRange {
  from: string;
  to: string;
}

export const resultsQueries = {
  get: (id: string, range: ResultsRange | null) =>
    queryOptions({
      queryKey: queryKeys.journeyResults(id, range?.from ?? '', range?.to ?? ''),
      queryFn: ({ signal }) => getJourneyResults(id, range, signal),
      refetchInterval: RESULTS_REFRESH_MS,
    }),
};
