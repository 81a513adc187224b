// The journey preview's calls (docs/product.md, "Preview"): find a customer to preview for, and
// the path they would take through the journey's draft (or a version). Both only read.
import type { CustomerSummary, JourneyPreview, JourneyPreviewBody } from '@waypoint/contract';
import { getData, request } from '../api-client';

export function findPreviewCustomers(q: string, signal?: AbortSignal): Promise<CustomerSummary[]> {
  const query = q.trim().length >= 2 ? `?q=${encodeURIComponent(q.trim())}` : '';
  return getData(`/v1/preview/customers${query}`, signal);
}

export function previewJourney(journeyId: string, body: JourneyPreviewBody): Promise<JourneyPreview> {
  return request('POST', `/v1/journeys/${encodeURIComponent(journeyId)}/preview`, body);
}
