/**
 * The store's lifecycle thresholds (the store decides the windows: docs/product.md, Lifecycle),
 * kept in `store_settings` under `lifecycle`, with defaults that suit a typical consumables store.
 * The schema is the API contract's, so what the API accepts and what the server reads are one
 * definition.
 */
import { lifecycleSettingsSchema, type LifecycleSettings } from '@waypoint/contract';
import { findLifecycleSettingsValue, saveLifecycleSettingsValue, type Query } from '@waypoint/data';

export { lifecycleSettingsSchema, type LifecycleSettings };

export async function loadLifecycleSettings(query: Query): Promise<LifecycleSettings> {
  return lifecycleSettingsSchema.parse((await findLifecycleSettingsValue(query)) ?? {});
}

export async function saveLifecycleSettings(query: Query, settings: LifecycleSettings): Promise<void> {
  await saveLifecycleSettingsValue(query, settings);
}
