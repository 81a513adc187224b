/**
 * The store settings in the query cache. Each change answers the saved value, which replaces the
 * cached one; changes are audited, so the audit log is refreshed. A product's new period re-reads
 * the product pages. The lifecycle preview is a query keyed by the thresholds it previews.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { LifecycleSettingsRequest } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import {
  changeStoreProfile,
  getLifecycleSettings,
  getStoreProfile,
  previewLifecycle,
  saveLifecycleSettings,
  searchProducts,
  setConsumptionDays,
} from './settings-api';

export const PRODUCTS_PAGE_SIZE = 20;

export const settingsQueries = {
  storeProfile: () =>
    queryOptions({ queryKey: queryKeys.storeProfile, queryFn: ({ signal }) => getStoreProfile(signal) }),
  lifecycle: () =>
    queryOptions({
      queryKey: queryKeys.lifecycleSettings,
      queryFn: ({ signal }) => getLifecycleSettings(signal),
    }),
  lifecyclePreview: (settings: LifecycleSettingsRequest) =>
    queryOptions({
      queryKey: queryKeys.lifecyclePreview(JSON.stringify(settings)),
      queryFn: ({ signal }) => previewLifecycle(settings, signal),
      placeholderData: keepPreviousData,
      retry: false,
    }),
  products: (q: string, offset: number) =>
    queryOptions({
      queryKey: queryKeys.products(q, offset),
      queryFn: ({ signal }) => searchProducts({ q, offset, limit: PRODUCTS_PAGE_SIZE }, signal),
      placeholderData: keepPreviousData,
    }),
};

export function useChangeStoreProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changeStoreProfile,
    onSuccess: (profile) => {
      client.setQueryData(queryKeys.storeProfile, profile);
      return client.invalidateQueries({ queryKey: queryKeys.auditLog });
    },
  });
}

export function useSaveLifecycleSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: saveLifecycleSettings,
    onSuccess: (settings) => {
      client.setQueryData(queryKeys.lifecycleSettings, settings);
      return client.invalidateQueries({ queryKey: queryKeys.auditLog });
    },
  });
}

export function useSetConsumptionDays() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: setConsumptionDays,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['products'] }),
        client.invalidateQueries({ queryKey: queryKeys.auditLog }),
      ]),
  });
}
