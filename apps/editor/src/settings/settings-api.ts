// The store settings' calls: the store profile (everyone reads, admins change), the lifecycle
// thresholds with their preview (marketers read and preview, admins change), and products'
// consumption periods (search; admins set days).
import { getData, request } from '../api-client';
import type {
  LifecyclePreview,
  LifecycleSettings,
  LifecycleSettingsRequest,
  Product,
  StoreProfile,
  StoreProfileChange,
} from '../api-types';

export const getStoreProfile = (signal?: AbortSignal) => getData<StoreProfile>('/v1/settings/store', signal);

export const changeStoreProfile = (change: StoreProfileChange) =>
  request<StoreProfile>('PATCH', '/v1/settings/store', change);

export const getLifecycleSettings = (signal?: AbortSignal) =>
  getData<LifecycleSettings>('/v1/settings/lifecycle', signal);

export const saveLifecycleSettings = (settings: LifecycleSettingsRequest) =>
  request<LifecycleSettings>('PUT', '/v1/settings/lifecycle', settings);

export const previewLifecycle = (settings: LifecycleSettingsRequest, signal?: AbortSignal) =>
  request<LifecyclePreview>('POST', '/v1/settings/lifecycle/preview', settings, signal);

export function searchProducts(page: { q: string; limit: number; offset: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  if (page.q) params.set('q', page.q);
  return getData<Product[]>(`/v1/products?${params.toString()}`, signal);
}

export const setConsumptionDays = ({
  productId,
  consumptionDays,
}: {
  productId: string;
  consumptionDays: number | null;
}) => request<unknown>('PUT', `/v1/products/${encodeURIComponent(productId)}`, { consumptionDays });
