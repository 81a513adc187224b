/**
 * The store's lifecycle thresholds (the store decides the windows: docs/product.md, Lifecycle),
 * kept in `store_settings` under `lifecycle`, with defaults that suit a typical consumables store.
 */
import type { Query } from '@waypoint/data';
import { z } from 'zod';

export const lifecycleSettingsSchema = z
  .object({
    /** Orders from which a repeat customer counts as loyal. */
    loyalOrders: z.number().int().min(2).default(4),
    /** Total spent from which a customer is a VIP. */
    vipSpent: z.number().positive().default(1000),
    /** Days without an order after which a customer is at risk, at least… */
    atRiskDays: z.number().int().positive().default(60),
    /** …or this many times their usual gap between orders, whichever is longer. */
    atRiskRhythmFactor: z.number().min(1).default(1.5),
    /** Days without an order after which a customer is inactive (lapsed). */
    inactiveDays: z.number().int().positive().default(180),
    /** Loyalty points per unit of currency spent. */
    pointsPerCurrencyUnit: z.number().min(0).default(1),
    /** Loyalty tiers by points, lowest first. */
    tiers: z.array(z.object({ name: z.string().min(1), minPoints: z.number().int().min(0) })).default([
      { name: 'bronze', minPoints: 0 },
      { name: 'silver', minPoints: 500 },
      { name: 'gold', minPoints: 1500 },
    ]),
  })
  .refine((s) => s.inactiveDays > s.atRiskDays, 'inactiveDays must be longer than atRiskDays');

export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export async function loadLifecycleSettings(query: Query): Promise<LifecycleSettings> {
  const rows = await query(`SELECT value FROM store_settings WHERE key = 'lifecycle'`, []);
  return lifecycleSettingsSchema.parse(rows[0]?.value ?? {});
}

export async function saveLifecycleSettings(query: Query, settings: LifecycleSettings): Promise<void> {
  await query(
    `INSERT INTO store_settings (key, value, updated_at) VALUES ('lifecycle', $1, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(settings)],
  );
}
