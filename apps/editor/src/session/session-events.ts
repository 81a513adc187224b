// A request anywhere in the app may learn that the session ended (expired, signed out elsewhere,
// account disabled); the session gate listens and shows the sign-in page with the reason.
import { API_ERROR_CODES } from '../api-types';

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
    case API_ERROR_CODES.sessionExpired:
      return 'Your sign-in expired. Sign in again to go on.';
    case API_ERROR_CODES.sessionRevoked:
      return 'You were signed out (your sign-in was ended). Sign in again to go on.';
    case API_ERROR_CODES.userDisabled:
      return 'This account is disabled. Ask an admin.';
    case API_ERROR_CODES.invalidSession:
      return 'Your sign-in is no longer valid. Sign in again to go on.';
    default:
      return undefined;
  }
}
