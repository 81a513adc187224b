// A request anywhere in the app may learn that the session ended (expired, signed out elsewhere,
// account disabled); the session gate listens and shows the sign-in page with the reason.

type Listener = (code: string) => void;
const listeners = new Set<Listener>();

export function onSignedOut(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifySignedOut(code: string): void {
  for (const listener of listeners) listener(code);
}

/** What the sign-in page says about why it is shown. */
export function signedOutMessage(code: string | undefined): string | undefined {
  switch (code) {
    case 'session_expired':
      return 'Your sign-in expired. Sign in again to go on.';
    case 'session_revoked':
      return 'You were signed out (your sign-in was ended). Sign in again to go on.';
    case 'user_disabled':
      return 'This account is disabled. Ask an admin.';
    case 'invalid_session':
      return 'Your sign-in is no longer valid. Sign in again to go on.';
    default:
      return undefined;
  }
}
