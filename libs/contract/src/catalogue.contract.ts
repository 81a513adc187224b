/**
 * The product catalogue (docs/product.md, "Products"): `PUT /v1/catalogue/products/{productId}`
 * (API key: a store that is not on Shopify sends its products and their variants the way Shopify's
 * webhooks keep them) and `GET /v1/catalogue/products/{productId}` (marketers) to read one back.
 */
import { z } from 'zod';
import { data, isoDateTime, text } from './http';

export const PRODUCT_STATUSES = ['active', 'draft', 'archived'] as const;

/** Shown in messages as a link or image: http(s) only. */
const url = text(2000).regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) address');
const price = z.number().min(0).max(1e11);

export const catalogueVariantInput = z.strictObject({
  id: text(200).min(1).describe("The store's variant id"),
  title: text(1000).nullish(),
  sku: text(200).nullish(),
  price: price.nullable().describe('Unit price in the store currency'),
  compareAtPrice: price.nullish().describe('The price before a sale, shown struck through'),
  stock: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000_000)
    .nullish()
    .describe('Units in stock; null or absent: not tracked (never runs out)'),
  image: url.nullish(),
});

export const saveCatalogueProductBody = z
  .strictObject({
    title: text(1000).nullish().describe('Kept as it was when absent or null'),
    handle: text(1000).nullish(),
    url: url.nullish().describe("The product's page; absent: the store URL + /products/<handle>"),
    image: url.nullish(),
    status: z.enum(PRODUCT_STATUSES).default('active'),
    updatedAt: isoDateTime
      .optional()
      .describe('When the store changed it; an older version than the one kept changes nothing'),
    variants: z
      .array(catalogueVariantInput)
      .max(2048)
      .refine((vs) => new Set(vs.map((v) => v.id)).size === vs.length, 'variant ids must be unique')
      .describe('Every variant the product has now; variants left out are marked deleted'),
  })
  .meta({ title: 'SaveCatalogueProduct' });
export type SaveCatalogueProduct = z.infer<typeof saveCatalogueProductBody>;

export const catalogueProductParams = z.object({
  productId: text(200).min(1).describe("The store's product id"),
});

const catalogueVariantSchema = z.object({
  variantId: z.string(),
  title: z.string().nullable(),
  sku: z.string().nullable(),
  price: z.number().nullable(),
  compareAtPrice: z.number().nullable(),
  stock: z.number().int().nullable().describe('null: not tracked'),
  image: z.string().nullable(),
  deletedAt: isoDateTime.nullable(),
});

export const catalogueProductSchema = z.object({
  productId: z.string(),
  title: z.string().nullable(),
  handle: z.string().nullable(),
  url: z.string().nullable(),
  image: z.string().nullable(),
  status: z.string(),
  deletedAt: isoDateTime.nullable().describe('Deleted products are kept, marked'),
  updatedAt: isoDateTime,
  variants: z.array(catalogueVariantSchema),
});
export type CatalogueProduct = z.infer<typeof catalogueProductSchema>;

export const catalogueProductResponse = data(catalogueProductSchema).meta({
  title: 'CatalogueProductAnswer',
});
