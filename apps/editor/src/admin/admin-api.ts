// Admins' calls: people, API keys and the audit log.
import { getData, request } from '../api-client';
import type { Role } from '../session/session-api';
import type { AuditEntry } from '../support/support-api';

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
  lastSeenAt: string | null;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const listPeople = (signal?: AbortSignal) => getData<Person[]>('/v1/users', signal);

export const addPerson = (person: { email: string; name: string; role: Role; password: string }) =>
  request<Person>('POST', '/v1/users', person);

export const changePerson = (id: string, change: { role?: Role; disabled?: boolean }) =>
  request<Person>('PATCH', `/v1/users/${encodeURIComponent(id)}`, change);

export const listApiKeys = (signal?: AbortSignal) => getData<ApiKeySummary[]>('/v1/api-keys', signal);

export const createApiKey = (name: string) =>
  request<{ id: string; name: string; prefix: string; key: string }>('POST', '/v1/api-keys', { name });

export const revokeApiKey = (id: string) => request('DELETE', `/v1/api-keys/${encodeURIComponent(id)}`);

export const listAuditLog = (signal?: AbortSignal) =>
  getData<AuditEntry[]>('/v1/audit-log?limit=200', signal);
