import type { Person } from '@waypoint/contract';
import type { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle.service';
import type { SessionsService } from './sessions.service';
import type { UsersService } from './users.service';

const PAT: Person = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'pat@shop.example',
  name: 'Pat',
  role: 'support',
  createdAt: '2026-01-01T00:00:00.000Z',
  disabledAt: null,
  lastSeenAt: null,
};

function signInWith(options: { allowed: boolean; person: Person | null }) {
  const calls: string[] = [];
  const throttle = {
    begin: async () =>
      options.allowed ? { allowed: true, attemptId: '7' } : { allowed: false, retryAfterSeconds: 840 },
    succeeded: async (attemptId: string) => void calls.push(`cleared ${attemptId}`),
  } as unknown as LoginThrottle;
  const users = {
    authenticate: async () => (calls.push('password checked'), options.person),
  } as unknown as UsersService;
  const expiresAt = new Date('2026-01-02T00:00:00Z');
  const sessions = {
    create: async (userId: string) => (calls.push(`session for ${userId}`), { token: 'ws_x', expiresAt }),
  } as unknown as SessionsService;
  const audit = {
    record: async (_by: unknown, entry: { action: string }) => void calls.push(`audit ${entry.action}`),
  } as unknown as AuditLog;
  const service = new AuthService(users, sessions, throttle, audit);
  return { calls, signIn: () => service.signIn('pat@shop.example', 'secret', '203.0.113.5'), expiresAt };
}

describe('AuthService.signIn', () => {
  it('refuses with 429 and Retry-After before checking the password when the throttle says wait', async () => {
    const { calls, signIn } = signInWith({ allowed: false, person: PAT });
    const error = await signIn().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
      headers: { 'Retry-After': '840' },
    });
    expect(calls).toEqual([]);
  });

  it('answers 401 for a wrong email or password and leaves the attempt counted as a failure', async () => {
    const { calls, signIn } = signInWith({ allowed: true, person: null });
    await expect(signIn()).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(calls).toEqual(['password checked']);
  });

  it('clears the attempt, opens a session and audits the sign-in when the password is right', async () => {
    const { calls, signIn, expiresAt } = signInWith({ allowed: true, person: PAT });
    expect(await signIn()).toEqual({
      token: 'ws_x',
      expiresAt,
      user: { id: PAT.id, email: PAT.email, name: PAT.name, role: PAT.role },
    });
    expect(calls).toEqual(['password checked', 'cleared 7', `session for ${PAT.id}`, 'audit user.login']);
  });
});
