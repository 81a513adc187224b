import { describe, expect, it } from '@jest/globals';
import { notifySignedOut, onSignedOut, signedOutMessage } from './session-events';

describe('session events', () => {
  it('tells every listener why the session ended, until it unsubscribes', () => {
    const heard: string[] = [];
    const stop = onSignedOut((code) => heard.push(code));
    notifySignedOut('session_expired');
    stop();
    notifySignedOut('session_revoked');
    expect(heard).toEqual(['session_expired']);
  });

  it('explains an ended session in words, and says nothing on a first visit', () => {
    expect(signedOutMessage('session_expired')).toMatch(/expired/);
    expect(signedOutMessage('user_disabled')).toMatch(/disabled/);
    expect(signedOutMessage('not_signed_in')).toBeUndefined();
    expect(signedOutMessage(undefined)).toBeUndefined();
  });
});
