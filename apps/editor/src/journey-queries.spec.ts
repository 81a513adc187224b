import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { JourneyStats } from './api-types';
import { journeyQueries } from './journey-queries';
import { EMPTY_NODE_STATS } from './journey-editor/node-counters';
import { queryKeys } from './server-state/query-keys';
import { createQueryClient } from './server-state/query-client';

const realFetch = globalThis.fetch;

/** The API answers each request with the next of `bodies`, wrapped as `{data}`. */
function answering(...bodies: unknown[]) {
  const calls: string[] = [];
  globalThis.fetch = jest.fn(async (input: string | URL | Request) => {
    calls.push(String(input));
    return new Response(JSON.stringify({ data: bodies.shift() }), { status: 200 });
  }) as typeof fetch;
  return calls;
}

describe('journeys in the query cache', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('keeps the previous counts object of nodes that did not change, so only changed nodes re-render', async () => {
    const wait = { ...EMPTY_NODE_STATS, entered: 1, waiting: 1 };
    const email = { ...EMPTY_NODE_STATS, entered: 0 };
    const before: JourneyStats = { runs: {}, entered: 1, conversions: 0, revenue: 0, nodes: { wait, email } };
    answering(before, {
      ...before,
      nodes: { wait: { ...wait }, email: { ...EMPTY_NODE_STATS, entered: 1 } },
    });
    const client = createQueryClient();
    const cached = () => client.getQueryData(journeyQueries.stats('j1').queryKey) as JourneyStats;
    await client.fetchQuery(journeyQueries.stats('j1'));
    const first = cached();
    await client.fetchQuery({ ...journeyQueries.stats('j1'), staleTime: 0 });
    const after = cached();
    expect(after.nodes.wait).toBe(first.nodes.wait);
    expect(after.nodes.email).not.toBe(first.nodes.email);
    expect(after.nodes.email.entered).toBe(1);
  });

  it('answers a page opened again from the cache while fresh, without asking the API', async () => {
    const calls = answering([{ id: 'j1', name: 'Cart' }]);
    const client = createQueryClient();
    await client.fetchQuery(journeyQueries.list());
    await client.fetchQuery(journeyQueries.list());
    expect(calls).toEqual(['/v1/journeys']);
  });

  it('always reads the journey a canvas opens from the API, and forgets it once closed', async () => {
    const calls = answering({ id: 'j1', draft: { nodes: [] } }, { id: 'j1', draft: { nodes: [1] } });
    const client = createQueryClient();
    await client.fetchQuery(journeyQueries.detail('j1'));
    await client.fetchQuery(journeyQueries.detail('j1'));
    expect(calls).toEqual(['/v1/journeys/j1', '/v1/journeys/j1']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(client.getQueryData(queryKeys.journey('j1'))).toBeUndefined();
  });
});
