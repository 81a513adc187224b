// The store connection's calls: its status (everyone), connect, test and disconnect (admins).
import { getData, request } from '../api-client';
import type { ConnectStoreRequest, StoreConnection } from '../api-types';

const PATH = '/v1/store/connection';

export const getStoreConnection = (signal?: AbortSignal) => getData<StoreConnection>(PATH, signal);

export const connectStore = (connection: ConnectStoreRequest) =>
  request<StoreConnection>('PUT', PATH, connection);

export const testStoreConnection = () => request<StoreConnection>('POST', `${PATH}/test`);

export const disconnectStore = () => request<StoreConnection>('DELETE', PATH);
