/**
 * `PUT /v1/products/{productId}`: a product's consumption period (days one unit lasts), which
 * makes it a consumable for replenishment; `GET /v1/products` lists configured and learned rhythms.
 */
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseInput } from '../errors/parse-body';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';

const productSchema = z
  .object({
    title: z.string().max(300).optional(),
    consumptionDays: z.number().positive().max(3650).nullable(),
  })
  .strict();

@Controller('v1/products')
@Roles('marketer')
export class ProductsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list() {
    const rows = await this.db.query(
      `SELECT product_id AS "productId", title, consumption_days::float AS "consumptionDays",
              learned_interval_days::float AS "learnedIntervalDays", learned_from AS "learnedFrom"
         FROM products ORDER BY product_id LIMIT 1000`,
    );
    return { data: rows };
  }

  @Put(':productId')
  async upsert(
    @Param('productId') productId: string,
    @Body() body: unknown,
    @CurrentPrincipal() by: Principal,
  ) {
    const input = parseInput(productSchema, body);
    const [row] = await this.db.query(
      `INSERT INTO products (product_id, title, consumption_days) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO UPDATE SET title = COALESCE(EXCLUDED.title, products.title),
         consumption_days = EXCLUDED.consumption_days, updated_at = now()
       RETURNING product_id AS "productId", title, consumption_days::float AS "consumptionDays",
                 learned_interval_days::float AS "learnedIntervalDays"`,
      [productId, input.title ?? null, input.consumptionDays],
    );
    await this.audit.record(by, {
      action: 'product.save',
      targetType: 'product',
      targetId: productId,
      detail: input,
    });
    return { data: row };
  }
}
