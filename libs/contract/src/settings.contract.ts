/**
 * Store settings (docs/product.md, "Lifecycle"): the lifecycle windows, VIP and loyalty
 * thresholds, and products' consumption periods for replenishment. `lifecycleSettingsSchema` is
 * also what the server parses the stored settings with (libs/customer-value), defaults included.
 */
import { z } from 'zod';
import { data, text } from './http';

export const lifecycleSettingsSchema = z
  .object({
    loyalOrders: z
      .number()
      .int()
      .min(2)
      .default(4)
      .describe('Orders from which a repeat customer counts as loyal'),
    vipSpent: z.number().positive().default(1000).describe('Total spent from which a customer is a VIP'),
    atRiskDays: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe('Days without an order after which a customer is at risk, at least…'),
    atRiskRhythmFactor: z
      .number()
      .min(1)
      .default(1.5)
      .describe('…or this many times their usual gap between orders, whichever is longer'),
    inactiveDays: z
      .number()
      .int()
      .positive()
      .default(180)
      .describe('Days without an order after which a customer is inactive (lapsed)'),
    pointsPerCurrencyUnit: z.number().min(0).default(1).describe('Loyalty points per unit of currency spent'),
    tiers: z
      .array(z.object({ name: text(100).min(1), minPoints: z.number().int().min(0) }))
      .max(50)
      .default([
        { name: 'bronze', minPoints: 0 },
        { name: 'silver', minPoints: 500 },
        { name: 'gold', minPoints: 1500 },
      ])
      .describe('Loyalty tiers by points, lowest first'),
  })
  .refine((s) => s.inactiveDays > s.atRiskDays, 'inactiveDays must be longer than atRiskDays')
  .meta({ title: 'LifecycleSettings' });
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export const productParams = z.object({ productId: text(200).min(1).describe("The store's product id") });

export const saveProductBody = z
  .strictObject({
    title: text(300).optional().describe('Kept as it was when absent'),
    consumptionDays: z
      .number()
      .positive()
      .max(3650)
      .nullable()
      .describe('Days one unit lasts (makes the product a consumable); null: not a consumable'),
  })
  .meta({ title: 'SaveProduct' });
export type SaveProduct = z.infer<typeof saveProductBody>;

const savedProductShape = {
  productId: z.string(),
  title: z.string().nullable(),
  consumptionDays: z.number().nullable().describe('Configured'),
  learnedIntervalDays: z.number().nullable().describe("Learned from customers' reorder intervals"),
};

export const productSchema = z
  .object({
    ...savedProductShape,
    learnedFrom: z.number().int().describe('How many reorder intervals the learned period comes from'),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof productSchema>;

export const savedProductSchema = z.object(savedProductShape);
export type SavedProduct = z.infer<typeof savedProductSchema>;

export const lifecycleSettingsResponse = data(lifecycleSettingsSchema).meta({
  title: 'LifecycleSettingsAnswer',
});
export const productListResponse = data(z.array(productSchema)).meta({ title: 'ProductList' });
export const savedProductResponse = data(savedProductSchema).meta({ title: 'SavedProductAnswer' });
