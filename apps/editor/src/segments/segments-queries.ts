/**
 * Segments in the query cache. Creating or editing one answers it with its fresh value, which
 * replaces it in the list; its members (and any segment using it) are read again, and the audit
 * log is refreshed.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Segment } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import { createSegment, getSegmentMembers, getSegments, updateSegment } from './segments-api';

export const MEMBERS_PAGE_SIZE = 25;

export const segmentQueries = {
  list: () => queryOptions({ queryKey: queryKeys.segments, queryFn: ({ signal }) => getSegments(signal) }),
  members: (id: string, q: string, offset: number) =>
    queryOptions({
      queryKey: queryKeys.segmentMembers(id, q, offset),
      queryFn: ({ signal }) => getSegmentMembers(id, { q, offset, limit: MEMBERS_PAGE_SIZE }, signal),
      placeholderData: keepPreviousData,
    }),
};

function useKeepSegment() {
  const client = useQueryClient();
  return async (segment: Segment) => {
    client.setQueryData<Segment[]>(queryKeys.segments, (list) =>
      list?.some((s) => s.id === segment.id)
        ? list.map((s) => (s.id === segment.id ? segment : s))
        : [...(list ?? []), segment],
    );
    // Other segments may use this one ({segment}); their values are read again too.
    await Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.segments }),
      client.invalidateQueries({ queryKey: ['segment-members', segment.id] }),
      client.invalidateQueries({ queryKey: queryKeys.auditLog }),
    ]);
  };
}

export function useCreateSegment() {
  const onSuccess = useKeepSegment();
  return useMutation({ mutationFn: createSegment, onSuccess });
}

export function useUpdateSegment() {
  const onSuccess = useKeepSegment();
  return useMutation({ mutationFn: updateSegment, onSuccess });
}
