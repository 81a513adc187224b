// Signing in and out, and who is signed in. The session itself is an HttpOnly cookie the API sets.
import { getData, request } from '../api-client';
import { ApiError } from '../api-error';
import type { SignedInUser, SignInRequest, SignInResult } from '../api-types';

/** Who is signed in, or null when nobody is (the API answers 401). */
export async function getMe(signal?: AbortSignal): Promise<SignedInUser | null> {
  try {
    return await getData<SignedInUser>('/v1/auth/me', signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(credentials: SignInRequest): Promise<SignedInUser> {
  const answer = await request<SignInResult>('POST', '/v1/auth/login', credentials);
  return answer.user;
}

export function signOut(): Promise<unknown> {
  return request('POST', '/v1/auth/logout');
}
