/**
 * The product catalogue (docs/product.md, "Products"): applies a catalogue write (a Shopify
 * product or inventory delivery, or the catalogue API) in one transaction, and in the same
 * transaction stores `product.back_in_stock` / `product.price_dropped` for every customer who
 * wanted a product that came back or got cheaper (libs/data's product-interest query), then hands
 * those events to the router. One event per change, product and customer: per product the first
 * variant back in stock, and the variant with the largest drop among those in stock.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { CatalogueProduct, SaveCatalogueProduct } from '@waypoint/contract';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  Database,
  emitProductInterestEvents,
  findCatalogueProducts,
  isPriceDrop,
  isRestock,
  markProductDeleted,
  saveCatalogueProduct,
  saveInventoryLevel,
  type CatalogueProductRow,
  type CatalogueWrite,
  type ProductInterestChange,
  type Query,
  type VariantChange,
} from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import type { CatalogueWriteInput } from '@waypoint/shopify';
import { ApiError } from '../errors/api-error';
import { EventRouter } from '../events/event-router.service';

const DAY_MS = 86_400_000;

/** How much cheaper, in cents rounded to the cent (prices are kept to the cent). */
function dropOf(change: VariantChange): number {
  return Math.round(((change.previousPrice ?? 0) - (change.price ?? 0)) * 100) / 100;
}

export interface CatalogueOutcome {
  /** False when the write was older than what is kept, or a deletion of a deleted product. */
  applied: boolean;
  /** The trigger events stored. */
  eventIds: string[];
}

@Injectable()
export class CatalogueService {
  constructor(
    private readonly db: Database,
    private readonly router: EventRouter,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async apply(write: CatalogueWriteInput, source: string): Promise<CatalogueOutcome> {
    const at = new Date();
    const outcome = await this.db.transaction(async (query) => {
      if (write.kind === 'product_deleted') {
        return { applied: await markProductDeleted(query, write.productId, at), eventIds: [] };
      }
      const saved: CatalogueWrite =
        write.kind === 'product'
          ? await saveCatalogueProduct(query, {
              ...write.product,
              url: write.product.url ?? this.pageOf(write.product.handle),
            })
          : await saveInventoryLevel(query, write.level);
      const stamp = (write.kind === 'product' ? write.product.updatedAt : write.level.updatedAt) ?? at;
      const eventIds = await this.emit(query, saved.changes, stamp, at, source);
      return { applied: saved.applied, eventIds };
    });
    for (const id of outcome.eventIds) this.router.routeSoon(id);
    return outcome;
  }

  /** `PUT /v1/catalogue/products/{productId}`: the product as stored after the write. */
  async save(productId: string, input: SaveCatalogueProduct): Promise<CatalogueProduct> {
    await this.apply(
      {
        kind: 'product',
        product: {
          productId,
          title: input.title ?? null,
          handle: input.handle ?? null,
          url: input.url ?? null,
          imageUrl: input.image ?? null,
          status: input.status,
          updatedAt: input.updatedAt ? new Date(input.updatedAt) : null,
          variants: input.variants.map((v) => ({
            variantId: v.id,
            title: v.title ?? null,
            sku: v.sku ?? null,
            price: v.price,
            compareAtPrice: v.compareAtPrice ?? null,
            stock: v.stock ?? null,
            inventoryItemId: null,
            imageUrl: v.image ?? null,
          })),
        },
      },
      'api:catalogue',
    );
    return this.find(productId);
  }

  async find(productId: string): Promise<CatalogueProduct> {
    const [row] = await findCatalogueProducts(this.db.query, [productId]);
    if (!row) throw ApiError.notFound('product', productId);
    return {
      productId: row.productId,
      title: row.title,
      handle: row.handle,
      url: row.url,
      image: row.imageUrl,
      status: row.status,
      deletedAt: row.deletedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      variants: row.variants.map((v) => ({
        variantId: v.variantId,
        title: v.title,
        sku: v.sku,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        stock: v.stock,
        image: v.imageUrl,
        deletedAt: v.deletedAt?.toISOString() ?? null,
      })),
    };
  }

  private pageOf(handle: string | null): string | null {
    return handle ? `${this.env.STORE_URL.replace(/\/$/, '')}/products/${encodeURIComponent(handle)}` : null;
  }

  private async emit(
    query: Query,
    changes: VariantChange[],
    stamp: Date,
    at: Date,
    source: string,
  ): Promise<string[]> {
    if (changes.length === 0) return [];
    const products = new Map(
      (await findCatalogueProducts(query, [...new Set(changes.map((c) => c.productId))])).map((p) => [
        p.productId,
        p,
      ]),
    );
    const triggers: ProductInterestChange[] = [];
    for (const [productId, product] of products) {
      if (product.deletedAt || product.status !== 'active') continue;
      const own = changes.filter((c) => c.productId === productId);
      const restock = own.find(isRestock);
      if (restock) triggers.push(this.trigger(EVENT.productBackInStock, product, restock, stamp));
      const drop = own
        .filter((c) => isPriceDrop(c) && (c.stock === null || c.stock > 0))
        .sort((a, b) => dropOf(b) - dropOf(a))[0];
      if (drop) triggers.push(this.trigger(EVENT.productPriceDropped, product, drop, stamp));
    }
    return emitProductInterestEvents(query, triggers, {
      since: new Date(at.getTime() - this.env.PRODUCT_INTEREST_DAYS * DAY_MS),
      at,
      source,
    });
  }

  private trigger(
    type: string,
    product: CatalogueProductRow,
    change: VariantChange,
    stamp: Date,
  ): ProductInterestChange {
    const variant = product.variants.find((v) => v.variantId === change.variantId);
    const properties: Record<string, unknown> = {
      productId: product.productId,
      variantId: change.variantId,
      title: product.title,
      url: product.url,
      image: variant?.imageUrl ?? product.imageUrl,
      price: change.price,
    };
    let key = `catalogue:${type}:${product.productId}:${change.variantId}:${stamp.toISOString()}`;
    if (type === EVENT.productPriceDropped) {
      properties.previousPrice = change.previousPrice;
      properties.drop = dropOf(change);
      key += `:${change.price}`;
    }
    return { type, productId: product.productId, key, properties };
  }
}
