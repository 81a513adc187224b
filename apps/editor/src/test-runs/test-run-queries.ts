/**
 * Test runs in the query cache: the test profiles, making mine (refreshes the list), starting a
 * test run, and a test run with its pinned graph and its timeline (polled while it is followed).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { StartTestRunRequest } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import { getTestRun, listTestProfiles, makeTestProfile, startTestRun } from './test-runs-api';

export const testRunQueries = {
  profiles: () =>
    queryOptions({ queryKey: queryKeys.testProfiles, queryFn: ({ signal }) => listTestProfiles(signal) }),
  detail: (id: string) =>
    queryOptions({
      queryKey: queryKeys.testRun(id),
      queryFn: ({ signal }) => getTestRun(id, signal),
    }),
};

export function useMakeTestProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: makeTestProfile,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.testProfiles }),
  });
}

export function useStartTestRun(journeyId: string) {
  return useMutation({ mutationFn: (body: StartTestRunRequest) => startTestRun(journeyId, body) });
}
