/**
 * The product catalogue (docs/product.md, "Products"): a product and its variants as the store
 * last described them, inventory levels per location, and deletion (marked, never removed, so
 * past orders and events keep their product). Each write answers what changed that a trigger
 * cares about: a variant back in stock (stock from 0 or less to more than 0, or to untracked) and
 * a price drop. A version older than the one kept (the store's `updated_at`) changes nothing.
 * Run these inside one transaction per delivery: the product row's lock orders concurrent ones.
 */
import type { Query } from '../database';

export interface CatalogueVariantInput {
  variantId: string;
  title: string | null;
  sku: string | null;
  price: number | null;
  compareAtPrice: number | null;
  /** Units in stock; null: the store does not track this variant's stock (it never runs out). */
  stock: number | null;
  inventoryItemId: string | null;
  imageUrl: string | null;
}

export interface CatalogueProductInput {
  productId: string;
  title: string | null;
  handle: string | null;
  url: string | null;
  imageUrl: string | null;
  /** `active`, `draft` or `archived` (Shopify's); only active products trigger or are recommended. */
  status: string;
  /** The store's time of this version; null: unknown (then it always applies). */
  updatedAt: Date | null;
  /** Every variant the product has now: variants no longer listed are marked deleted. */
  variants: CatalogueVariantInput[];
}

/** A variant whose stock or price changed in a way a trigger cares about. */
export interface VariantChange {
  productId: string;
  variantId: string;
  previousStock: number | null;
  stock: number | null;
  previousPrice: number | null;
  price: number | null;
}

export interface CatalogueWrite {
  /** False when the version was older than the one kept (nothing changed). */
  applied: boolean;
  changes: VariantChange[];
}

interface ChangeRow {
  productId: string;
  variantId: string;
  previousStock: number | null;
  stock: number | null;
  previousPrice: string | null;
  price: string | null;
  known: boolean;
}

const money = (value: string | null) => (value === null ? null : Number(value));

interface KeptVariant {
  variantId: string;
  productId: string | null;
  stock: number | null;
  price: string | null;
  live: boolean;
}

/** The variants matching `where`, as kept, locked until the transaction ends. */
async function lockVariants(
  query: Query,
  where: string,
  params: unknown[],
): Promise<Map<string, KeptVariant>> {
  const rows = await query(
    `SELECT variant_id AS "variantId", product_id AS "productId", stock, price::text AS price,
            deleted_at IS NULL AS live
       FROM product_variants WHERE ${where} ORDER BY variant_id FOR UPDATE`,
    params,
  );
  return new Map(rows.map((r) => [r.variantId as string, r as unknown as KeptVariant]));
}

/** Saved rows with what they were; `known`: the variant was kept, live, and `belongs` to it. */
function withPrevious(
  saved: Record<string, unknown>[],
  previous: Map<string, KeptVariant>,
  belongs: (kept: KeptVariant) => boolean,
): ChangeRow[] {
  return saved.map((s) => {
    const kept = previous.get(s.variantId as string);
    return {
      productId: s.productId as string,
      variantId: s.variantId as string,
      previousStock: kept?.stock ?? null,
      stock: (s.stock as number | null) ?? null,
      previousPrice: kept?.price ?? null,
      price: (s.price as string | null) ?? null,
      known: kept !== undefined && kept.live && belongs(kept),
    };
  });
}

function changesOf(rows: ChangeRow[]): VariantChange[] {
  return rows
    .filter((r) => r.known)
    .map((r) => ({
      productId: r.productId,
      variantId: r.variantId,
      previousStock: r.previousStock,
      stock: r.stock,
      previousPrice: money(r.previousPrice),
      price: money(r.price),
    }))
    .filter((c) => isRestock(c) || isPriceDrop(c));
}

/** From out of stock (0 or less) to available (more than 0, or no longer tracked). */
export function isRestock(change: Pick<VariantChange, 'previousStock' | 'stock'>): boolean {
  return (
    change.previousStock !== null && change.previousStock <= 0 && (change.stock === null || change.stock > 0)
  );
}

export function isPriceDrop(change: Pick<VariantChange, 'previousPrice' | 'price'>): boolean {
  return change.previousPrice !== null && change.price !== null && change.price < change.previousPrice;
}

/** Stores a product and all its variants (create or update). */
export async function saveCatalogueProduct(
  query: Query,
  product: CatalogueProductInput,
): Promise<CatalogueWrite> {
  const kept = await query(
    `INSERT INTO products (product_id, title, handle, url, image_url, status, source_updated_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (product_id) DO UPDATE SET title = COALESCE(EXCLUDED.title, products.title),
       handle = EXCLUDED.handle, url = EXCLUDED.url, image_url = EXCLUDED.image_url, status = EXCLUDED.status,
       deleted_at = NULL, source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
     WHERE EXCLUDED.source_updated_at IS NULL
        OR ((products.source_updated_at IS NULL OR products.source_updated_at <= EXCLUDED.source_updated_at)
            AND (products.deleted_at IS NULL OR products.deleted_at < EXCLUDED.source_updated_at))
     RETURNING product_id`,
    [
      product.productId,
      product.title,
      product.handle,
      product.url,
      product.imageUrl,
      product.status,
      product.updatedAt,
    ],
  );
  if (kept.length === 0) return { applied: false, changes: [] };
  const variants = product.variants.map((v) => ({
    variant_id: v.variantId,
    inventory_item_id: v.inventoryItemId,
    title: v.title,
    sku: v.sku,
    price: v.price,
    compare_at_price: v.compareAtPrice,
    stock: v.stock,
    image_url: v.imageUrl,
  }));
  // Read (and lock) what is kept first: rows a statement changes are not visible to it as they were.
  const previous = await lockVariants(query, 'variant_id = ANY($1::text[])', [
    variants.map((v) => v.variant_id),
  ]);
  const saved = await query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS v(variant_id text, inventory_item_id text, title text,
              sku text, price numeric, compare_at_price numeric, stock int, image_url text)
     ), gone AS (
       UPDATE product_variants SET deleted_at = now(), updated_at = now()
        WHERE product_id = $1 AND deleted_at IS NULL AND variant_id NOT IN (SELECT variant_id FROM input)
     )
     INSERT INTO product_variants (variant_id, product_id, inventory_item_id, title, sku, price, compare_at_price,
                                   stock, image_url, deleted_at, source_updated_at, updated_at)
     SELECT variant_id, $1, inventory_item_id, title, sku, price, compare_at_price, stock, image_url, NULL, $3, now()
       FROM input
     ON CONFLICT (variant_id) DO UPDATE SET product_id = EXCLUDED.product_id,
       inventory_item_id = COALESCE(EXCLUDED.inventory_item_id, product_variants.inventory_item_id),
       title = EXCLUDED.title, sku = EXCLUDED.sku, price = EXCLUDED.price,
       compare_at_price = EXCLUDED.compare_at_price, stock = EXCLUDED.stock, image_url = EXCLUDED.image_url,
       deleted_at = NULL, source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
     RETURNING product_id AS "productId", variant_id AS "variantId", stock, price::text AS price`,
    [product.productId, JSON.stringify(variants), product.updatedAt],
  );
  const rows = withPrevious(saved, previous, (p) => p.productId === product.productId);
  return { applied: true, changes: changesOf(rows) };
}

/**
 * Marks a product and its variants deleted (a product never seen is stored as deleted). Answers
 * false when it already was.
 */
export async function markProductDeleted(query: Query, productId: string, at: Date): Promise<boolean> {
  const rows = await query(
    `INSERT INTO products (product_id, deleted_at, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (product_id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at, updated_at = now()
      WHERE products.deleted_at IS NULL
     RETURNING product_id`,
    [productId, at],
  );
  await query(
    `UPDATE product_variants SET deleted_at = $2, updated_at = now() WHERE product_id = $1 AND deleted_at IS NULL`,
    [productId, at],
  );
  return rows.length > 0;
}

export interface InventoryLevelInput {
  inventoryItemId: string;
  locationId: string;
  available: number | null;
  updatedAt: Date | null;
}

/**
 * Stores one location's stock of an inventory item (known or not) and sets the stock of the
 * variants of that item to the sum over the locations reported so far.
 */
export async function saveInventoryLevel(query: Query, level: InventoryLevelInput): Promise<CatalogueWrite> {
  const kept = await query(
    `INSERT INTO inventory_levels (inventory_item_id, location_id, available, source_updated_at, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (inventory_item_id, location_id) DO UPDATE SET available = EXCLUDED.available,
       source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
      WHERE EXCLUDED.source_updated_at IS NULL OR inventory_levels.source_updated_at IS NULL
         OR inventory_levels.source_updated_at <= EXCLUDED.source_updated_at
     RETURNING inventory_item_id`,
    [level.inventoryItemId, level.locationId, level.available, level.updatedAt],
  );
  if (kept.length === 0) return { applied: false, changes: [] };
  const previous = await lockVariants(query, 'inventory_item_id = $1', [level.inventoryItemId]);
  const saved = await query(
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count], not rows.
    `WITH saved AS (
       UPDATE product_variants SET updated_at = now(),
              stock = (SELECT sum(available)::int FROM inventory_levels WHERE inventory_item_id = $1)
        WHERE inventory_item_id = $1
        RETURNING product_id, variant_id, stock, price
     )
     SELECT product_id AS "productId", variant_id AS "variantId", stock, price::text AS price FROM saved`,
    [level.inventoryItemId],
  );
  const rows = withPrevious(saved, previous, (p) => p.productId !== null);
  return { applied: true, changes: changesOf(rows) };
}

/** A product as templates and triggers show it: the catalogue's fields and its variants. */
export type CatalogueProductRow = Omit<CatalogueProductInput, 'updatedAt' | 'variants'> & {
  deletedAt: Date | null;
  /** When Waypoint last changed it. */
  updatedAt: Date;
  variants: CatalogueVariantRow[];
};

export type CatalogueVariantRow = Omit<CatalogueVariantInput, 'inventoryItemId'> & { deletedAt: Date | null };

/** Products by id with their variants (deleted ones too, marked); unknown ids are left out. */
export async function findCatalogueProducts(
  query: Query,
  productIds: string[],
): Promise<CatalogueProductRow[]> {
  if (productIds.length === 0) return [];
  const rows = await query(
    `SELECT p.product_id AS "productId", p.title, p.handle, p.url, p.image_url AS "imageUrl", p.status,
            p.deleted_at AS "deletedAt", p.updated_at AS "updatedAt",
            COALESCE((SELECT jsonb_agg(jsonb_build_object(
                        'variantId', v.variant_id, 'title', v.title, 'sku', v.sku, 'price', v.price,
                        'compareAtPrice', v.compare_at_price, 'stock', v.stock, 'imageUrl', v.image_url,
                        'deletedAt', v.deleted_at) ORDER BY v.variant_id)
                        FROM product_variants v WHERE v.product_id = p.product_id), '[]') AS variants
       FROM products p WHERE p.product_id = ANY($1::text[])
      ORDER BY p.product_id`,
    [productIds],
  );
  return rows.map((r) => ({
    ...(r as unknown as CatalogueProductRow),
    variants: (r.variants as Record<string, unknown>[]).map((v) => ({
      variantId: v.variantId as string,
      title: (v.title as string | null) ?? null,
      sku: (v.sku as string | null) ?? null,
      price: v.price === null ? null : Number(v.price),
      compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
      stock: (v.stock as number | null) ?? null,
      imageUrl: (v.imageUrl as string | null) ?? null,
      deletedAt: v.deletedAt === null ? null : new Date(v.deletedAt as string),
    })),
  }));
}
