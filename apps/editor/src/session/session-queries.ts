/**
 * Who is signed in, in the query cache (`me`), and signing in and out. A sign-in starts from an
 * empty cache: nothing the previous person could read stays on screen for the next one.
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SignedInUser } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import { getMe, signIn, signOut } from './session-api';

export const sessionQueries = {
  /** Asked once; the answer changes only by signing in or out (or a request learning it ended). */
  me: () =>
    queryOptions({
      queryKey: queryKeys.me,
      queryFn: ({ signal }) => getMe(signal),
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    }),
};

/** Nobody is signed in any more: the gate shows the sign-in page (and unmounts every page). */
export function endSession(client: QueryClient): void {
  client.setQueryData<SignedInUser | null>(queryKeys.me, null);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (user) => {
      // Only the sign-in page is on screen now: drop what was read for whoever came before.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      client.setQueryData<SignedInUser | null>(queryKeys.me, user);
    },
  });
}

export function useSignOut(onSignedOut: () => void) {
  const client = useQueryClient();
  return useMutation({
    // Signed out locally even when the API could not be told (the cookie then just expires).
    mutationFn: () => signOut().catch(() => undefined),
    onSettled: () => {
      endSession(client);
      onSignedOut();
    },
  });
}
