/**
 * The live journeys routing matches events against, with each published version's definition
 * parsed once. A published version is immutable (publishing makes a new one), so a version is
 * cached by (journey id, version) for as long as it stays live. Which versions are live is read
 * from `journeys` on every call (one small statement per routed batch, no definitions): a
 * publish, pause, resume or archive by any API process is seen by the next batch, without a TTL
 * or an invalidation message.
 */
import { journeyVersionDefinitions, liveJourneyVersions, type Query } from '@waypoint/data';
import { triggerOf, type JourneyDefinition, type JourneyNode } from '@waypoint/journey';

export interface LiveJourney {
  id: string;
  version: number;
  definition: JourneyDefinition;
  /** The definition's trigger node, found once per version. */
  trigger: JourneyNode | undefined;
}

const keyOf = (id: string, version: number) => `${id}:${version}`;

export class LiveJourneys {
  private readonly versions = new Map<string, LiveJourney>();

  constructor(private readonly query: Query) {}

  async current(): Promise<LiveJourney[]> {
    const live = await liveJourneyVersions(this.query);
    const missing = live.filter((j) => !this.versions.has(keyOf(j.id, j.version)));
    if (missing.length > 0) {
      for (const r of await journeyVersionDefinitions(this.query, missing)) {
        this.versions.set(keyOf(r.id, r.version), { ...r, trigger: triggerOf(r.definition) });
      }
    }
    // Versions that are no longer live are dropped, so the cache is as large as the live set.
    const wanted = new Set(live.map((j) => keyOf(j.id, j.version)));
    for (const key of this.versions.keys()) if (!wanted.has(key)) this.versions.delete(key);
    return live
      .map((j) => this.versions.get(keyOf(j.id, j.version)))
      .filter((j): j is LiveJourney => j !== undefined);
  }
}
