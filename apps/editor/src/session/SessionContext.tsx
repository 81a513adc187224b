// Who is signed in, for every page: the gate asks the API once (`GET /v1/auth/me`, cached as
// `me`), shows the sign-in page until someone signs in, and again when any request learns the
// session ended.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SignedInUser } from '../api-types';
import { onSignedOut, signedOutMessage } from './session-events';
import { endSession, sessionQueries, useSignOut } from './session-queries';
import { SignInPage } from './SignInPage';

interface Session {
  user: SignedInUser;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the SessionGate');
  return session;
}

export function SessionGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery(sessionQueries.me());
  /** Why the sign-in page is shown (the session ended, the person signed out), if there is a why. */
  const [reason, setReason] = useState<string | undefined>();
  const leave = useSignOut(() => setReason('You signed out.'));

  useEffect(
    () =>
      onSignedOut((code) => {
        setReason(signedOutMessage(code));
        endSession(client);
      }),
    [client],
  );
  const signOut = useCallback(() => leave.mutate(), [leave]);

  if (me.data) {
    return <SessionContext.Provider value={{ user: me.data, signOut }}>{children}</SessionContext.Provider>;
  }
  if (me.data === null) return <SignInPage reason={reason} onSignedIn={() => setReason(undefined)} />;
  if (me.error) {
    return (
      <div className="sign-in">
        <p className="notice notice--error" role="alert">
          {me.error.message}
        </p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p className="placeholder" role="status">
      Checking your sign-in…
    </p>
  );
}
