// The segments' calls: the list with values and journeys, create, edit, a page of members; the CSV export is a plain link.
import { getData, request } from '../api-client';
import type { NewSegmentRequest, Segment, SegmentChangeRequest, SegmentMember } from '../api-types';

const PATH = '/v1/segments';

export const getSegments = (signal?: AbortSignal) => getData<Segment[]>(PATH, signal);

export const createSegment = (segment: NewSegmentRequest) => request<Segment>('POST', PATH, segment);

export const updateSegment = ({ id, ...change }: SegmentChangeRequest & { id: string }) =>
  request<Segment>('PUT', `${PATH}/${encodeURIComponent(id)}`, change);

export function getSegmentMembers(
  id: string,
  page: { q: string; limit: number; offset: number },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  if (page.q) params.set('q', page.q);
  return getData<SegmentMember[]>(`${PATH}/${encodeURIComponent(id)}/members?${params.toString()}`, signal);
}

/** The members as CSV, streamed by the API (a download, with the session cookie). */
export const segmentCsvHref = (id: string) => `${PATH}/${encodeURIComponent(id)}/members.csv`;
