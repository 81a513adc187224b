// Who is signed in, for every page: the gate asks the API once (`GET /v1/auth/me`), shows the
// sign-in page until someone signs in, and again when any request learns the session ended.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api-error';
import { getMe, signOut, type SignedInUser } from './session-api';
import { onSignedOut, signedOutMessage } from './session-events';
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

type GateState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason?: string }
  | { kind: 'unreachable'; error: Error }
  | { kind: 'signed-in'; user: SignedInUser };

export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'checking' });

  const check = useCallback(() => {
    setState({ kind: 'checking' });
    getMe().then(
      (user) => setState({ kind: 'signed-in', user }),
      (error: unknown) =>
        setState(
          error instanceof ApiError && error.status === 401
            ? { kind: 'signed-out' }
            : { kind: 'unreachable', error: error instanceof Error ? error : new Error(String(error)) },
        ),
    );
  }, []);

  useEffect(check, [check]);
  useEffect(
    () => onSignedOut((code) => setState({ kind: 'signed-out', reason: signedOutMessage(code) })),
    [],
  );

  const leave = useCallback(() => {
    void signOut()
      .catch(() => undefined)
      .then(() => setState({ kind: 'signed-out', reason: 'You signed out.' }));
  }, []);

  switch (state.kind) {
    case 'checking':
      return (
        <p className="placeholder" role="status">
          Checking your sign-in…
        </p>
      );
    case 'unreachable':
      return (
        <div className="sign-in">
          <p className="notice notice--error" role="alert">
            {state.error.message}
          </p>
          <button type="button" className="button" onClick={check}>
            Try again
          </button>
        </div>
      );
    case 'signed-out':
      return (
        <SignInPage reason={state.reason} onSignedIn={(user) => setState({ kind: 'signed-in', user })} />
      );
    case 'signed-in':
      return (
        <SessionContext.Provider value={{ user: state.user, signOut: leave }}>
          {children}
        </SessionContext.Provider>
      );
  }
}
