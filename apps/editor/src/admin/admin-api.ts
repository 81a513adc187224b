// Admins' calls: people, API keys and the audit log.
import { getData, request } from '../api-client';
import type {
  ApiKeySummary,
  AuditEntry,
  CreatedApiKey,
  NewApiKeyRequest,
  NewPersonRequest,
  Person,
  PersonChangeRequest,
} from '../api-types';

export const listPeople = (signal?: AbortSignal) => getData<Person[]>('/v1/users', signal);

export const addPerson = (person: NewPersonRequest) => request<Person>('POST', '/v1/users', person);

export const changePerson = (id: string, change: PersonChangeRequest) =>
  request<Person>('PATCH', `/v1/users/${encodeURIComponent(id)}`, change);

export const listApiKeys = (signal?: AbortSignal) => getData<ApiKeySummary[]>('/v1/api-keys', signal);

export const createApiKey = (key: NewApiKeyRequest) => request<CreatedApiKey>('POST', '/v1/api-keys', key);

export const revokeApiKey = (id: string) => request('DELETE', `/v1/api-keys/${encodeURIComponent(id)}`);

export const listAuditLog = (signal?: AbortSignal) =>
  getData<AuditEntry[]>('/v1/audit-log?limit=200', signal);
