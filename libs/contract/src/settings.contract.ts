/**
 * Store settings (docs/product.md, "Lifecycle"): the lifecycle windows, VIP and loyalty
 * thresholds, and products' consumption periods for replenishment. `lifecycleSettingsSchema` is
 * also what the server parses the stored settings with (libs/customer-value), defaults included.
 * Requests carry `lifecycleSettingsInput` (the shape: 400 when wrong); the server holds its values
 * to `lifecycleSettingsSchema`, so a value out of range is a 422 naming the field.
 */
import { LIFECYCLE_STAGES } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, pageQuery, text } from './http';

export const lifecycleSettingsSchema = z
  .object({
    loyalOrders: z
      .number()
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .default(4)
      .describe('Orders from which a repeat customer counts as loyal'),
    vipSpent: z
      .number()
      .positive('must be more than 0')
      .default(1000)
      .describe('Total spent from which a customer is a VIP'),
    atRiskDays: z
      .number()
      .int('must be a whole number of days')
      .positive('must be more than 0 days')
      .default(60)
      .describe('Days without an order after which a customer is at risk, at least…'),
    atRiskRhythmFactor: z
      .number()
      .min(1, 'must be at least 1')
      .default(1.5)
      .describe('…or this many times their usual gap between orders, whichever is longer'),
    inactiveDays: z
      .number()
      .int('must be a whole number of days')
      .positive('must be more than 0 days')
      .default(180)
      .describe('Days without an order after which a customer is inactive (lapsed)'),
    pointsPerCurrencyUnit: z
      .number()
      .min(0, 'must be 0 or more')
      .default(1)
      .describe('Loyalty points per unit of currency spent'),
    tiers: z
      .array(
        z.object({
          name: text(100).min(1, 'must not be empty'),
          minPoints: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
        }),
      )
      .max(50)
      .default([
        { name: 'bronze', minPoints: 0 },
        { name: 'silver', minPoints: 500 },
        { name: 'gold', minPoints: 1500 },
      ])
      .describe('Loyalty tiers by points, lowest first'),
  })
  .refine((s) => s.inactiveDays > s.atRiskDays, {
    message: 'inactiveDays must be longer than atRiskDays',
    path: ['inactiveDays'],
  })
  .meta({ title: 'LifecycleSettings' });
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

const number = (field: keyof typeof lifecycleSettingsSchema.shape) =>
  z
    .number()
    .optional()
    .describe(lifecycleSettingsSchema.shape[field].description ?? field);

/** A request's lifecycle thresholds: absent fields take their defaults. */
export const lifecycleSettingsInput = z
  .strictObject({
    loyalOrders: number('loyalOrders'),
    vipSpent: number('vipSpent'),
    atRiskDays: number('atRiskDays'),
    atRiskRhythmFactor: number('atRiskRhythmFactor'),
    inactiveDays: number('inactiveDays'),
    pointsPerCurrencyUnit: number('pointsPerCurrencyUnit'),
    tiers: z
      .array(z.strictObject({ name: text(100), minPoints: z.number() }))
      .max(50)
      .optional()
      .describe(lifecycleSettingsSchema.shape.tiers.description ?? 'tiers'),
  })
  .meta({ title: 'LifecycleSettingsInput' });
export type LifecycleSettingsInput = z.infer<typeof lifecycleSettingsInput>;

/** How many customers each stage would hold under the thresholds previewed (nothing is saved). */
export const lifecyclePreviewSchema = z.object({
  stages: z
    .object(Object.fromEntries(LIFECYCLE_STAGES.map((stage) => [stage, z.number().int()])))
    .describe('Customers per stage under the thresholds given'),
  current: z
    .object(Object.fromEntries(LIFECYCLE_STAGES.map((stage) => [stage, z.number().int()])))
    .describe('Customers per stage now, as stored'),
  customers: z.number().int().describe('Customers counted'),
  asOf: isoDateTime.describe('The moment the stages were computed for'),
});
export type LifecyclePreview = z.infer<typeof lifecyclePreviewSchema>;
export const lifecyclePreviewResponse = data(lifecyclePreviewSchema).meta({
  title: 'LifecyclePreviewAnswer',
});

export const productParams = z.object({ productId: text(200).min(1).describe("The store's product id") });

/** `?q=&limit=&offset=`: products whose id or title contains `q` (any case), ordered by id. */
export const productListQuery = pageQuery.extend({
  q: text(200).optional().describe('Only products whose id or title contains this (any case)'),
});
export type ProductListQuery = z.infer<typeof productListQuery>;

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
