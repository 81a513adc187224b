/**
 * Journeys in the query cache: the list, one journey, its published versions, its live
 * figures and experiments, and the changes (create, save the draft, publish, pause / resume / archive), each
 * invalidating what it changed.
 */
import {
  queryOptions,
  useMutation,
  useQueryClient,
  type MutationOptions,
  type QueryClient,
} from '@tanstack/react-query';
import {
  changeJourneyLifecycle,
  createJourney,
  getJourney,
  getJourneyExperiments,
  getJourneyStats,
  listJourneys,
  listJourneyVersions,
  publishJourney,
  saveDraft,
} from './api-client';
import type { JourneyDetail, JourneySummary, LifecycleAction, SaveDraftRequest } from './api-types';
import { queryKeys } from './server-state/query-keys';

/** How often an open canvas refreshes its journey's live figures. */
export const STATS_REFRESH_MS = 3_000;

export const journeyQueries = {
  list: () =>
    queryOptions({
      queryKey: queryKeys.journeys,
      queryFn: ({ signal }) => listJourneys(signal),
    }),

  /**
   * The draft a canvas opens with is always the server's latest: the canvas seeds its document
   * from it and autosave then writes that document back, so a cached draft from an earlier visit
   * (which another tab may have changed since) must never seed it. Hence no cache once closed.
   */
  detail: (id: string) =>
    queryOptions({
      queryKey: queryKeys.journey(id),
      queryFn: ({ signal }) => getJourney(id, signal),
      staleTime: 0,
      gcTime: 0,
      refetchOnWindowFocus: false,
    }),

  versions: (id: string) =>
    queryOptions({
      queryKey: queryKeys.journeyVersions(id),
      queryFn: ({ signal }) => listJourneyVersions(id, signal),
    }),

  stats: (id: string) =>
    queryOptions({
      queryKey: queryKeys.journeyStats(id),
      // Each step's card reads its own counts; the cache's structural sharing keeps the objects of
      // those that did not move, so a refresh re-renders only the steps whose counts changed.
      queryFn: ({ signal }) => getJourneyStats(id, signal),
    }),

  experiments: (id: string) =>
    queryOptions({
      queryKey: queryKeys.journeyExperiments(id),
      queryFn: ({ signal }) => getJourneyExperiments(id, signal),
    }),
};

/** The summary fields of a journey changed: the open journey takes them, the list reloads. */
function journeyChanged(client: QueryClient, id: string, change: Partial<JourneyDetail>) {
  client.setQueryData<JourneyDetail>(
    queryKeys.journey(id),
    (journey) => journey && { ...journey, ...change },
  );
  void client.invalidateQueries({ queryKey: queryKeys.journeys });
}

export function useCreateJourney() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createJourney,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.journeys }),
  });
}

/**
 * Saving the draft, as options for a mutation the autosave runs outside React (a save must not
 * re-render the canvas). Its name and `updatedAt` change in the list. The open journey is left as
 * it is: nothing it shows changed, and its draft is read only when a canvas opens, always afresh.
 */
export function saveDraftMutation(
  client: QueryClient,
  id: string,
): MutationOptions<JourneySummary, Error, SaveDraftRequest> {
  return {
    mutationKey: ['save-draft', id],
    mutationFn: (draft) => saveDraft(id, draft),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.journeys }),
  };
}

/**
 * Publishing: `beforePublish` first (the autosave's flush: publish what is on screen). A new
 * version changes the journey, its versions, its figures and the list.
 */
export function usePublishJourney(id: string, beforePublish: () => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await beforePublish();
      return publishJourney(id);
    },
    onSuccess: (result) => {
      journeyChanged(client, id, result.journey);
      void client.invalidateQueries({ queryKey: queryKeys.journeyVersions(id) });
      void client.invalidateQueries({ queryKey: queryKeys.journeyStats(id) });
      void client.invalidateQueries({ queryKey: queryKeys.journeyExperiments(id) });
    },
  });
}

export function useJourneyLifecycle(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: LifecycleAction) => changeJourneyLifecycle(id, action),
    onSuccess: (result) => {
      journeyChanged(client, id, { status: result.status });
      void client.invalidateQueries({ queryKey: queryKeys.journeyStats(id) });
    },
  });
}
