/** Products' consumption periods: configured here, learned from reorders by the lifecycle work. */
import { Injectable } from '@nestjs/common';
import type { Product, ProductListQuery, SavedProduct, SaveProduct } from '@waypoint/contract';
import { Database, listProducts, upsertProduct } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  list(page: ProductListQuery): Promise<Product[]> {
    return listProducts(this.db.query, page);
  }

  async save(productId: string, input: SaveProduct, by: Principal | undefined): Promise<SavedProduct> {
    const row = await upsertProduct(this.db.query, {
      productId,
      title: input.title ?? null,
      consumptionDays: input.consumptionDays,
    });
    await this.audit.record(by, {
      action: 'product.save',
      targetType: 'product',
      targetId: productId,
      detail: input,
    });
    return row;
  }
}
