// A step's live counts for its card, from the journey's cached stats (the stats bar keeps them
// fresh while the canvas is open).
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { JourneyStats, NodeStats } from '../api-types';
import { journeyQueries } from '../journey-queries';
import { useLiveStatsJourney } from './JourneyEditorContext';
import { EMPTY_NODE_STATS } from './node-counters';

/**
 * One step's live counts, or undefined on a canvas without live figures (a draft never published,
 * a past version). Re-renders only when this step's counts change (the cache keeps the objects of
 * steps that did not move).
 */
export function useNodeStats(nodeId: string): NodeStats | undefined {
  const journeyId = useLiveStatsJourney();
  const select = useCallback((stats: JourneyStats) => stats.nodes[nodeId] ?? EMPTY_NODE_STATS, [nodeId]);
  const { data } = useQuery({
    ...journeyQueries.stats(journeyId ?? ''),
    enabled: journeyId !== null,
    select,
  });
  return journeyId === null ? undefined : data;
}
