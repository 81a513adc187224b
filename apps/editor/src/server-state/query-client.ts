/**
 * The editor's one query cache. Data a page has read stays fresh for STALE_AFTER_MS: opening the
 * page again within that time shows it at once without asking the API again; after it, the page
 * shows what it has and refreshes it in the background. Mutations invalidate what they changed,
 * so a fresh answer is never an outdated one. Nothing is retried on its own: a failure is shown
 * at once with "Try again", as the pages always did. Requests go out whether or not the browser
 * believes it is online (`networkMode: 'always'`): the API is often on this very machine, and a
 * request that cannot get through says so ("Could not reach the API") instead of waiting.
 */
import { QueryClient } from '@tanstack/react-query';

export const STALE_AFTER_MS = 30_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: STALE_AFTER_MS, retry: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
