// Signing in and out, and who is signed in. The session itself is an HttpOnly cookie the API sets.
import { getData, request } from '../api-client';

export type Role = 'admin' | 'marketer' | 'support';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function getMe(signal?: AbortSignal): Promise<SignedInUser> {
  return getData<SignedInUser>('/v1/auth/me', signal);
}

export async function signIn(email: string, password: string): Promise<SignedInUser> {
  const answer = await request<{ user: SignedInUser }>('POST', '/v1/auth/login', { email, password });
  return answer.user;
}

export function signOut(): Promise<unknown> {
  return request('POST', '/v1/auth/logout');
}
