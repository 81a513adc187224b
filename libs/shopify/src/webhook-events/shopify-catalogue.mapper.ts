/**
 * The catalogue topics (docs/product.md, "Products"): `products/create|update|delete` and
 * `inventory_levels/update` read into catalogue writes. They name no customer, so they are not
 * canonical events: the API stores them in the catalogue, whose changes may then produce
 * `product.back_in_stock` / `product.price_dropped` for the customers who wanted the product.
 * A variant whose stock Shopify does not track (`inventory_management` null), or that may be sold
 * when out of stock (`inventory_policy: continue`), has no stock limit: it never runs out.
 */
import type {
  ShopifyInventoryLevelPayload,
  ShopifyProductPayload,
  ShopifyVariantPayload,
} from '@waypoint/contract';
import {
  shopifyInventoryLevelPayload,
  shopifyProductDeletePayload,
  shopifyProductPayload,
} from '@waypoint/contract';
import type { CatalogueProductInput, InventoryLevelInput } from '@waypoint/data';
import type { z } from 'zod';
import { parseOptionalShopifyMoney } from './shopify-money';
import { ShopifyPayloadError } from './shopify-payload.error';
import { idText, isoInstant, text } from './shopify-purchase';

export type CatalogueWriteInput =
  | { kind: 'product'; product: CatalogueProductInput }
  | { kind: 'product_deleted'; productId: string }
  | { kind: 'inventory_level'; level: InventoryLevelInput };

export type CatalogueMapper = (payload: Record<string, unknown>) => CatalogueWriteInput;

function requiredId(value: unknown, field: string): string {
  const id = idText(value);
  if (!id) throw new ShopifyPayloadError(field, `the payload has no "${field}"`);
  return id;
}

function stamp(value: unknown): Date | null {
  const iso = isoInstant(value);
  return iso ? new Date(iso) : null;
}

/** `products/create|update`: the product, its variants, prices and stock, and its images. */
export function catalogueProduct(raw: Record<string, unknown>): CatalogueWriteInput {
  const payload = raw as ShopifyProductPayload;
  const productId = requiredId(payload.id, 'id');
  const images = new Map<string, string>();
  for (const image of payload.images ?? []) {
    const id = idText(image.id);
    const src = text(image.src);
    if (id && src) images.set(id, src);
  }
  const productImage = text(payload.image?.src) ?? text(payload.images?.[0]?.src) ?? null;
  const variants = (payload.variants ?? []).map((variant: ShopifyVariantPayload, index) => {
    const field = `variants[${index}]`;
    const tracked = text(variant.inventory_management) !== null && variant.inventory_policy !== 'continue';
    const imageId = idText(variant.image_id);
    return {
      variantId: requiredId(variant.id, `${field}.id`),
      title: text(variant.title),
      sku: text(variant.sku),
      price: parseOptionalShopifyMoney(variant.price, `${field}.price`),
      compareAtPrice: parseOptionalShopifyMoney(variant.compare_at_price, `${field}.compare_at_price`),
      stock: tracked && typeof variant.inventory_quantity === 'number' ? variant.inventory_quantity : null,
      inventoryItemId: idText(variant.inventory_item_id),
      imageUrl: (imageId ? images.get(imageId) : undefined) ?? null,
    };
  });
  return {
    kind: 'product',
    product: {
      productId,
      title: text(payload.title),
      handle: text(payload.handle),
      url: null,
      imageUrl: productImage,
      status: text(payload.status) ?? 'active',
      updatedAt: stamp(payload.updated_at),
      variants,
    },
  };
}

/** `products/delete`: `{id}` only. */
export function catalogueProductDeleted(raw: Record<string, unknown>): CatalogueWriteInput {
  return { kind: 'product_deleted', productId: requiredId(raw.id, 'id') };
}

/** `inventory_levels/update`: one item's stock at one location. */
export function catalogueInventoryLevel(raw: Record<string, unknown>): CatalogueWriteInput {
  const payload = raw as ShopifyInventoryLevelPayload;
  return {
    kind: 'inventory_level',
    level: {
      inventoryItemId: requiredId(payload.inventory_item_id, 'inventory_item_id'),
      locationId: requiredId(payload.location_id, 'location_id'),
      available: typeof payload.available === 'number' ? payload.available : null,
      updatedAt: stamp(payload.updated_at),
    },
  };
}

/** The catalogue topics, each with the payload it reads (checked after the signature). */
export const SHOPIFY_CATALOGUE_TOPICS: Record<
  string,
  { map: CatalogueMapper; payload: z.ZodType<Record<string, unknown>> }
> = {
  'products/create': { map: catalogueProduct, payload: shopifyProductPayload },
  'products/update': { map: catalogueProduct, payload: shopifyProductPayload },
  'products/delete': { map: catalogueProductDeleted, payload: shopifyProductDeletePayload },
  'inventory_levels/update': { map: catalogueInventoryLevel, payload: shopifyInventoryLevelPayload },
};
