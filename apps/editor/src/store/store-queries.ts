/**
 * The store connection in the query cache. Connect, test and disconnect each answer the new
 * status, which replaces the cached one at once; they are audited, so the audit log is refreshed.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { StoreConnection } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import { connectStore, disconnectStore, getStoreConnection, testStoreConnection } from './store-api';

export const storeQueries = {
  connection: () =>
    queryOptions({
      queryKey: queryKeys.storeConnection,
      queryFn: ({ signal }) => getStoreConnection(signal),
    }),
};

function useKeepStatus() {
  const client = useQueryClient();
  return (status: StoreConnection) => {
    client.setQueryData(queryKeys.storeConnection, status);
    return client.invalidateQueries({ queryKey: queryKeys.auditLog });
  };
}

export function useConnectStore() {
  const onSuccess = useKeepStatus();
  return useMutation({ mutationFn: connectStore, onSuccess });
}

export function useTestStoreConnection() {
  const onSuccess = useKeepStatus();
  return useMutation({ mutationFn: testStoreConnection, onSuccess });
}

export function useDisconnectStore() {
  const onSuccess = useKeepStatus();
  return useMutation({ mutationFn: disconnectStore, onSuccess });
}
