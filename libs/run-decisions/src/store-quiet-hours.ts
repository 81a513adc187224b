/**
 * The store's default quiet hours (its profile's) fill the channels a journey leaves unset; a
 * journey's own window, or its own `null` (none), wins. The workflow then reads the plan as before.
 */
import type { StoreProfile } from '@waypoint/contract';
import { CHANNELS, type JourneyDefinition } from '@waypoint/journey';

export function withStoreQuietHours(
  definition: JourneyDefinition,
  storeQuietHours: StoreProfile['quietHours'],
): JourneyDefinition {
  const own = definition.settings?.quietHours ?? {};
  const quietHours = { ...own };
  for (const channel of CHANNELS)
    if (own[channel] === undefined) quietHours[channel] = storeQuietHours[channel];
  return { ...definition, settings: { ...definition.settings, quietHours } };
}
