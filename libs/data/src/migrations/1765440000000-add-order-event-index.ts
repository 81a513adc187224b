import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Shopify fulfillment names its order, not its customer: the shipped and delivered events are
 * filed under the customer whose order event carried that `orderId` (customer-of-order.queries.ts).
 */
export class AddOrderEventIndex1765440000000 implements MigrationInterface {
  name = 'AddOrderEventIndex1765440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_order_id_idx ON events ((properties->>'orderId'))
        WHERE type IN ('order.placed', 'order.paid', 'order.fulfilled', 'order.cancelled')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_order_id_idx`);
  }
}
