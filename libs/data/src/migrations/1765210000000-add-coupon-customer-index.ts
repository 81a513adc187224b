import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A customer's coupons, for their page (libs/data/src/coupons/customer-coupons.queries.ts). */
export class AddCouponCustomerIndex1765210000000 implements MigrationInterface {
  name = 'AddCouponCustomerIndex1765210000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX coupons_customer_idx ON coupons (customer_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX coupons_customer_idx`);
  }
}
