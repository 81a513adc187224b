/**
 * The store's profile (time zone, currency, default locale and country, sending defaults), kept in
 * `store_settings` under `store` over the environment's defaults (docs/product.md, "Store settings").
 */
import {
  defaultStoreProfile,
  readStoreProfile,
  storeProfileSchema,
  type StoreProfile,
} from '@waypoint/contract';
import { findStoreProfileValue, saveStoreProfileValue, type Query } from '@waypoint/data';

export { storeProfileSchema, type StoreProfile };

export type StoreProfileEnvironment = Parameters<typeof defaultStoreProfile>[0];

export async function loadStoreProfile(query: Query, env: StoreProfileEnvironment): Promise<StoreProfile> {
  return readStoreProfile(await findStoreProfileValue(query), defaultStoreProfile(env));
}

export async function saveStoreProfile(query: Query, profile: StoreProfile): Promise<void> {
  await saveStoreProfileValue(query, profile);
}
