/**
 * Admins' reads and changes in the query cache: people, API keys and the audit log. Every change
 * is audited, so each one also refreshes the audit log.
 */
import { queryOptions, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { PersonChangeRequest } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import {
  addPerson,
  changePerson,
  createApiKey,
  listApiKeys,
  listAuditLog,
  listPeople,
  revokeApiKey,
} from './admin-api';

/** The audit log on the admin page refreshes by itself: others act meanwhile. */
export const AUDIT_LOG_REFRESH_MS = 10_000;

export const adminQueries = {
  people: () => queryOptions({ queryKey: queryKeys.people, queryFn: ({ signal }) => listPeople(signal) }),
  apiKeys: () => queryOptions({ queryKey: queryKeys.apiKeys, queryFn: ({ signal }) => listApiKeys(signal) }),
  auditLog: () =>
    queryOptions({ queryKey: queryKeys.auditLog, queryFn: ({ signal }) => listAuditLog(signal) }),
};

function useInvalidate(...keys: QueryKey[]) {
  const client = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useAddPerson() {
  const onSuccess = useInvalidate(queryKeys.people, queryKeys.auditLog);
  return useMutation({ mutationFn: addPerson, onSuccess });
}

export function useChangePerson() {
  const onSuccess = useInvalidate(queryKeys.people, queryKeys.auditLog);
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: PersonChangeRequest }) => changePerson(id, change),
    onSuccess,
  });
}

export function useCreateApiKey() {
  const onSuccess = useInvalidate(queryKeys.apiKeys, queryKeys.auditLog);
  return useMutation({ mutationFn: createApiKey, onSuccess });
}

export function useRevokeApiKey() {
  const onSuccess = useInvalidate(queryKeys.apiKeys, queryKeys.auditLog);
  return useMutation({ mutationFn: revokeApiKey, onSuccess });
}
