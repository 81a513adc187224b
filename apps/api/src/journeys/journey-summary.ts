import type { JourneySummary } from '@waypoint/contract';
import type { JourneyRow } from '@waypoint/data';

/** A journey row as the API answers it (without its draft). */
export function journeySummary(journey: JourneyRow): JourneySummary {
  return {
    id: journey.id,
    name: journey.name,
    status: journey.status,
    publishedVersion: journey.publishedVersion,
    createdAt: journey.createdAt.toISOString(),
    updatedAt: journey.updatedAt.toISOString(),
  };
}
