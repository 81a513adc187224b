import type { Client } from '@temporalio/client';
import type { Environment } from '@waypoint/config';
import type { Database } from '@waypoint/data';
import type { DependencyOutages } from '../errors/dependency-outage';
import type { RealtimeSegments } from '../segments/realtime-segments.service';
import { EventRouter } from './event-router.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A router whose passes are recorded (ids and start time) instead of reading the database. */
function recordingRouter() {
  const router = new EventRouter(
    { query: async () => [] } as unknown as Database,
    {} as Client,
    { ROUTING_SWEEP_INTERVAL_MS: 60_000 } as Environment,
    {} as RealtimeSegments,
    {} as DependencyOutages,
  );
  const passes: Array<{ ids: string[]; at: number }> = [];
  jest.spyOn(router, 'routeBatch').mockImplementation(async (ids: string[]) => {
    passes.push({ ids, at: performance.now() });
    await sleep(2);
    return ids.length;
  });
  return { router, passes };
}

describe('EventRouter queue', () => {
  it('routes an event at once when nothing was routed lately', async () => {
    const { router, passes } = recordingRouter();
    const start = performance.now();
    router.routeSoon('e1');
    await sleep(10);
    expect(passes.map((p) => p.ids)).toEqual([['e1']]);
    expect(passes[0].at - start).toBeLessThan(20);
  });

  it('under load, gathers the events of a pass interval into one pass', async () => {
    const { router, passes } = recordingRouter();
    router.routeSoon('e1');
    await sleep(5);
    // Arriving while the interval after the first pass runs: they wait and go together.
    router.routeSoon('e2');
    await sleep(3);
    router.routeSoon('e3');
    router.routeSoon('e4');
    await sleep(60);
    expect(passes.map((p) => p.ids)).toEqual([['e1'], ['e2', 'e3', 'e4']]);
    expect(passes[1].at - passes[0].at).toBeGreaterThanOrEqual(20);
  });
});
